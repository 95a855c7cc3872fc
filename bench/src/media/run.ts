import { bareStack, ourStack } from './stacks.js';
import { FanOut, type FanOutStep, type StreamOptions } from './fanout.js';

export type MediaOptions = StreamOptions & {
  /** Consumer counts to step through, e.g. [1, 10, 50, 100]. */
  consumers: number[];
  warmupSeconds: number;
  windowSeconds: number;
  /** Stop stepping up once loss exceeds this (0.005 = 0.5 %). */
  maxLoss: number;
  /** … or once the worker uses more than this fraction of a core. */
  maxWorkerCpu: number;
  /**
   * Windows per stack and K. With 2 the order is A B B A (ABBA), so a drift in the
   * machine's load during the step hits both stacks alike; the windows are pooled.
   */
  repeats: number;
};

export type MediaResult = {
  options: MediaOptions;
  stacks: { name: 'ours' | 'bare'; description: string; workerPid: number }[];
  steps: { ours: FanOutStep; bare: FanOutStep }[];
  /** Measurements over the loss limit that were repeated once (a scheduling hiccup on a shared machine should not end the ramp). */
  retried: { stack: 'ours' | 'bare'; first: FanOutStep }[];
  stoppedBecause: string;
};

/** Several windows of one stack at one K as one longer window. */
function pool(windows: FanOutStep[]): FanOutStep {
  const total = (f: (s: FanOutStep) => number) => windows.reduce((sum, s) => sum + f(s), 0);
  const seconds = total((s) => s.windowSeconds);
  const received = total((s) => s.receivedPackets);
  const expected = total((s) => s.expectedPackets);
  const workerSeconds = total((s) => s.workerCpu * s.windowSeconds);
  const drops = windows.map((s) => s.kernelRcvbufDrops);
  return {
    consumers: windows[0]?.consumers ?? 0,
    windowSeconds: seconds,
    sentPackets: total((s) => s.sentPackets),
    expectedPackets: expected,
    receivedPackets: received,
    loss: expected > 0 ? 1 - received / expected : Number.NaN,
    forwardedPerSecond: received / seconds,
    workerCpu: workerSeconds / seconds,
    workerMicrosPerPacket: received > 0 ? (workerSeconds * 1e6) / received : Number.NaN,
    harnessCpu: total((s) => s.harnessCpu * s.windowSeconds) / seconds,
    keyFrameRequests: total((s) => s.keyFrameRequests),
    kernelRcvbufDrops: drops.some((d) => d === null) ? null : drops.reduce<number>((sum, d) => sum + (d ?? 0), 0),
    sendErrors: total((s) => s.sendErrors),
    perSinkMin: Math.min(...windows.map((s) => s.perSinkMin)),
    perSinkMax: Math.max(...windows.map((s) => s.perSinkMax)),
    drainMs: Math.max(...windows.map((s) => s.drainMs)),
  };
}

/**
 * Media forwarding capacity of one worker, ours and bare in the same run. Both fan-outs
 * exist from the start (an idle worker costs nothing); per K they are measured in turn
 * (ABBA with two repeats), alternating per K which goes first, so drift favours neither.
 */
export async function runMedia(options: MediaOptions, log: (line: string) => void): Promise<MediaResult> {
  const ours = await FanOut.create(await ourStack(), 0x0bec0001);
  let bare: FanOut | undefined;
  try {
    bare = await FanOut.create(await bareStack(), 0x0bec0002);
    const steps: MediaResult['steps'] = [];
    const retried: MediaResult['retried'] = [];
    let stoppedBecause = `reached the largest K (${options.consumers.at(-1)})`;
    for (const [i, k] of options.consumers.entries()) {
      const [a, b] = i % 2 === 0 ? [bare, ours] : [ours, bare];
      const order = Array.from({ length: options.repeats }, (_, r) => (r % 2 === 0 ? [a, b] : [b, a])).flat();
      const measured: Record<'ours' | 'bare', FanOutStep[]> = { ours: [], bare: [] };
      await a.growTo(k);
      await b.growTo(k);
      log(`media: K=${k}, ${order.map((f) => f.stack.name).join(' ')}`);
      for (const fanOut of order) {
        let step = await fanOut.measure(options, options);
        if (step.loss > options.maxLoss) {
          log(`media: ${fanOut.stack.name}, K=${k}: loss ${(step.loss * 100).toFixed(2)} %, measuring once more`);
          retried.push({ stack: fanOut.stack.name, first: step });
          step = await fanOut.measure(options, options);
        }
        measured[fanOut.stack.name].push(step);
      }
      const step = { ours: pool(measured.ours), bare: pool(measured.bare) };
      steps.push(step);
      const worst = [step.ours, step.bare];
      if (worst.some((s) => s.loss > options.maxLoss)) {
        stoppedBecause = `loss above ${(options.maxLoss * 100).toFixed(1)} % at K=${k}`;
        break;
      }
      if (worst.some((s) => s.workerCpu > options.maxWorkerCpu)) {
        stoppedBecause = `worker CPU above ${Math.round(options.maxWorkerCpu * 100)} % of a core at K=${k}`;
        break;
      }
    }
    return {
      options,
      stacks: [ours, bare].map((f) => ({ name: f.stack.name, description: f.stack.description, workerPid: f.stack.worker.pid })),
      steps,
      retried,
      stoppedBecause,
    };
  } finally {
    ours.close();
    bare?.close();
  }
}
