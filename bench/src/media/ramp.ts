import type { FanOut, FanOutStep, StreamOptions } from './fanout.js';

export type RampOptions = StreamOptions & {
  /** Consumer counts to step through, e.g. [1, 10, 50, 100]. */
  consumers: number[];
  warmupSeconds: number;
  windowSeconds: number;
  /** Stop stepping up once loss exceeds this (0.005 = 0.5 %). */
  maxLoss: number;
  /** … or once the consumers' worker uses more than this fraction of a core. */
  maxWorkerCpu: number;
  /**
   * Windows per fan-out and K. With 2 the order is A B B A (ABBA), so a drift in the
   * machine's load during the step hits both fan-outs alike; the windows are pooled.
   */
  repeats: number;
};

/** Two fan-outs, by name, measured at each K in turn. */
export type Ramp<N extends string> = {
  steps: Record<N, FanOutStep>[];
  /** Measurements over the loss limit that were repeated once (a scheduling hiccup on a shared machine should not end the ramp). */
  retried: { stack: N; first: FanOutStep }[];
  stoppedBecause: string;
};

/** Several windows of one fan-out at one K as one longer window. */
export function pool(windows: FanOutStep[]): FanOutStep {
  const total = (f: (s: FanOutStep) => number) => windows.reduce((sum, s) => sum + f(s), 0);
  const seconds = total((s) => s.windowSeconds);
  const received = total((s) => s.receivedPackets);
  const expected = total((s) => s.expectedPackets);
  const workerSeconds = total((s) => s.workerCpu * s.windowSeconds);
  const drops = windows.map((s) => s.kernelRcvbufDrops);
  const watched = Object.keys(windows[0]?.watchedCpu ?? {});
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
    watchedCpu: Object.fromEntries(watched.map((name) => [name, total((s) => (s.watchedCpu[name] ?? Number.NaN) * s.windowSeconds) / seconds])),
    harnessCpu: total((s) => s.harnessCpu * s.windowSeconds) / seconds,
    keyFrameRequests: total((s) => s.keyFrameRequests),
    kernelRcvbufDrops: drops.some((d) => d === null) ? null : drops.reduce<number>((sum, d) => sum + (d ?? 0), 0),
    sendErrors: total((s) => s.sendErrors),
    perSinkMin: Math.min(...windows.map((s) => s.perSinkMin)),
    perSinkMax: Math.max(...windows.map((s) => s.perSinkMax)),
    drainMs: Math.max(...windows.map((s) => s.drainMs)),
    linkCounters: Object.fromEntries(Object.keys(windows[0]?.linkCounters ?? {}).map((name) => [name, total((s) => s.linkCounters[name] ?? 0)])),
  };
}

/**
 * Two fan-outs compared in the same run over rising K. Both exist from the start (an
 * idle fan-out costs next to nothing); per K both grow to K consumers and are measured
 * in turn (ABBA with two repeats), the first of `fanOuts` going first at the first K and
 * the other at the next, so drift favours neither. A window over the loss limit is
 * measured once more. Stops after the K at which either went over the loss or CPU limit.
 */
export async function ramp<N extends string>(fanOuts: Record<N, FanOut>, options: RampOptions, log: (line: string) => void): Promise<Ramp<N>> {
  const names = Object.keys(fanOuts) as N[];
  const steps: Record<N, FanOutStep>[] = [];
  const retried: Ramp<N>['retried'] = [];
  let stoppedBecause = `reached the largest K (${options.consumers.at(-1)})`;
  for (const [i, k] of options.consumers.entries()) {
    const [a, b] = i % 2 === 0 ? names : [...names].reverse();
    if (a === undefined || b === undefined) throw new Error('ramp compares two fan-outs');
    const order = Array.from({ length: options.repeats }, (_, r) => (r % 2 === 0 ? [a, b] : [b, a])).flat();
    const measured = new Map<N, FanOutStep[]>(names.map((name) => [name, []]));
    await fanOuts[a].growTo(k);
    await fanOuts[b].growTo(k);
    log(`K=${k}, ${order.join(' ')}`);
    for (const name of order) {
      let step = await fanOuts[name].measure(options, options);
      if (step.loss > options.maxLoss) {
        log(`${name}, K=${k}: loss ${(step.loss * 100).toFixed(2)} %, measuring once more`);
        retried.push({ stack: name, first: step });
        step = await fanOuts[name].measure(options, options);
      }
      measured.get(name)?.push(step);
    }
    const step = Object.fromEntries(names.map((name) => [name, pool(measured.get(name) ?? [])])) as Record<N, FanOutStep>;
    steps.push(step);
    const both = names.map((name) => step[name]);
    if (both.some((s) => s.loss > options.maxLoss)) {
      stoppedBecause = `loss above ${(options.maxLoss * 100).toFixed(1)} % at K=${k}`;
      break;
    }
    if (both.some((s) => s.workerCpu > options.maxWorkerCpu)) {
      stoppedBecause = `worker CPU above ${Math.round(options.maxWorkerCpu * 100)} % of a core at K=${k}`;
      break;
    }
  }
  return { steps, retried, stoppedBecause };
}
