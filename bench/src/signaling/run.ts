import { performance } from 'node:perf_hooks';
import { sleep, type Summary } from '../lib/stats.js';
import type { TargetSample } from '../targets/protocol.js';
import { startTarget, type Target } from '../targets/spawn.js';
import { connectCrowd, pacedLoop, saturatedLoop, type LoopResult } from './load.js';

export type SignalingOptions = {
  /** Client counts to run, e.g. [100, 1000]. */
  clients: number[];
  /** Participants per room (the server's MAX_PEERS_PER_ROOM default is 50). */
  roomSize: number;
  connectConcurrency: number;
  /** Offered load of the paced loop, requests per second over all clients. */
  pacedRatePerSecond: number;
  pacedSeconds: number;
  saturatedSeconds: number;
  /** Upper bound of requests per client in the saturated loop. */
  saturatedMaxPerClient: number;
  /** Pause before each memory sample, ms. */
  settleMs: number;
  /**
   * Clients that connect, join, run a few requests and leave before the "before" memory
   * sample, so one-off allocations (JIT, first router, socket.io internals) are not
   * charged to the measured participants.
   */
  warmupClients: number;
};

export type LoopWithServer = LoopResult & {
  /** CPU of the target's Node process over the loop, as a fraction of one core. */
  serverCpu: number;
};

export type MemoryResult = {
  before: TargetSample;
  after: TargetSample;
  /** (RSS after − RSS before) / clients, of the server's Node process. */
  rssPerClientBytes: number;
  heapPerClientBytes: number;
  /** Same for the mediasoup workers together (rooms are routers there); null when not readable or none. */
  workerRssPerClientBytes: number | null;
};

export type SignalingTargetResult = {
  target: 'ours' | 'bare';
  clients: number;
  rooms: number;
  connect: Summary;
  join: Summary;
  pushesReceived: number;
  memory: MemoryResult;
  paced: LoopWithServer;
  saturated: LoopWithServer;
};

export type SignalingResult = { options: SignalingOptions; runs: SignalingTargetResult[] };

const workerRss = (s: TargetSample) =>
  s.workers.length === 0 || s.workers.some((w) => w.rssBytes === null) ? null : s.workers.reduce((sum, w) => sum + (w.rssBytes ?? 0), 0);

/**
 * A memory sample once RSS has stopped moving: V8 and the allocator hand pages back
 * some time after a GC, so one sample right after a burst of activity can be off by
 * more than a hundred participants' worth. Two samples 300 ms apart within 256 KiB,
 * at most 8 tries.
 */
async function stableSample(target: Target, settleMs: number): Promise<TargetSample> {
  await sleep(settleMs);
  let last = await target.sample();
  for (let i = 0; i < 8; i++) {
    await sleep(300);
    const next = await target.sample();
    if (Math.abs(next.rssBytes - last.rssBytes) < 256 * 1024) return next;
    last = next;
  }
  return last;
}

async function withServerCpu(target: Target, loop: () => Promise<LoopResult>): Promise<LoopWithServer> {
  const s0 = await target.sample();
  const t0 = performance.now();
  const result = await loop();
  const wallMs = performance.now() - t0;
  const s1 = await target.sample();
  return { ...result, serverCpu: (s1.cpuMicros - s0.cpuMicros) / 1000 / wallMs };
}

async function measure(
  kind: 'ours' | 'bare',
  target: Target,
  clients: number,
  options: SignalingOptions,
  log: (line: string) => void,
): Promise<{ result: SignalingTargetResult; joinAck: unknown }> {
  const warm = await connectCrowd(target.url, {
    count: options.warmupClients,
    roomSize: options.roomSize,
    concurrency: options.connectConcurrency,
    roomPrefix: `bench-warmup-${clients}`,
  });
  await saturatedLoop(warm.clients, { seconds: 0.3, maxPerClient: 50 });
  warm.close();
  const before = await stableSample(target, options.settleMs);
  log(`  ${kind}: connecting and joining ${clients} clients`);
  const crowd = await connectCrowd(target.url, {
    count: clients,
    roomSize: options.roomSize,
    concurrency: options.connectConcurrency,
    roomPrefix: `bench-${clients}`,
  });
  try {
    const after = await stableSample(target, options.settleMs);
    const beforeWorkers = workerRss(before);
    const afterWorkers = workerRss(after);
    log(`  ${kind}: paced loop, ${options.pacedRatePerSecond} req/s for ${options.pacedSeconds} s`);
    const paced = await withServerCpu(target, () =>
      pacedLoop(crowd.clients, { ratePerSecond: options.pacedRatePerSecond, seconds: options.pacedSeconds }),
    );
    log(`  ${kind}: saturated loop, ${options.saturatedSeconds} s`);
    const saturated = await withServerCpu(target, () =>
      saturatedLoop(crowd.clients, { seconds: options.saturatedSeconds, maxPerClient: options.saturatedMaxPerClient }),
    );
    const result: SignalingTargetResult = {
      target: kind,
      clients,
      rooms: Math.ceil(clients / options.roomSize),
      connect: crowd.connect,
      join: crowd.join,
      pushesReceived: crowd.clients.reduce((sum, c) => sum + c.pushes, 0),
      memory: {
        before,
        after,
        rssPerClientBytes: (after.rssBytes - before.rssBytes) / clients,
        heapPerClientBytes: (after.heapUsedBytes - before.heapUsedBytes) / clients,
        workerRssPerClientBytes: beforeWorkers === null || afterWorkers === null ? null : (afterWorkers - beforeWorkers) / clients,
      },
      paced,
      saturated,
    };
    return { result, joinAck: crowd.joinAck };
  } finally {
    crowd.close();
    await sleep(options.settleMs);
  }
}

/**
 * Signaling round trip and memory per participant: for each client count, our
 * platform first (whose join ack gives the router capabilities), then the bare
 * Socket.io server acking the same bytes, each in its own process. The platform is
 * the caller's (the booking benchmark uses it afterwards); the bare server is started
 * per client count and closed after it.
 */
export async function runSignaling(options: SignalingOptions, platform: Target, log: (line: string) => void): Promise<SignalingResult> {
  const runs: SignalingTargetResult[] = [];
  for (const clients of options.clients) {
    log(`signaling: ${clients} clients`);
    const ours = await measure('ours', platform, clients, options, log);
    runs.push(ours.result);
    const { routerRtpCapabilities } = ours.joinAck as { routerRtpCapabilities: unknown };
    const bare = await startTarget('bare', { rtpCapabilities: routerRtpCapabilities });
    try {
      runs.push((await measure('bare', bare, clients, options, log)).result);
    } finally {
      await bare.close();
    }
  }
  return { options, runs };
}
