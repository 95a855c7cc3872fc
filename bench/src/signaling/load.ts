import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { PROTOCOL_VERSION } from '@ca/signaling';
import { mapLimit, Samples, sleep, type Summary } from '../lib/stats.js';
import { WireClient } from './wireClient.js';

/** The request every loop sends: cheap for the server, answered from the joined room's router. */
export const LOOP_REQUEST = 'getRouterRtpCapabilities';

export type LoopResult = {
  seconds: number;
  sent: number;
  acks: number;
  /** Error acks, plus requests unanswered when the loop's grace period ended. */
  failures: number;
  acksPerSecond: number;
  latency: Summary;
  /** CPU of the load generator (this process) as a fraction of one core. */
  clientCpu: number;
  /**
   * Event-loop delay of the load generator over the loop, p99 and max (ms): when these are
   * large, the latencies above include the client's own stalls, not only the server's.
   */
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
};

function loopDelay(): { stop: () => { p99: number; max: number } } {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop: () => {
      histogram.disable();
      return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
    },
  };
}

export type Crowd = { clients: WireClient[]; connect: Summary; join: Summary; joinAck: unknown; close: () => void };

/**
 * Connects `count` clients (at most `concurrency` handshakes at a time) and joins
 * each to a room of `roomSize` (`<roomPrefix>-0`, `<roomPrefix>-1`, …, demo-mode instant
 * rooms). Each crowd needs its own prefix: the server keeps a peer that disconnected in
 * its room for the resume grace period (RESUME_GRACE_MS, 20 s), so a crowd that just left
 * still fills its rooms.
 */
export async function connectCrowd(
  url: string,
  options: { count: number; roomSize: number; concurrency: number; roomPrefix: string },
): Promise<Crowd> {
  const connect = new Samples();
  const join = new Samples();
  const clients: WireClient[] = [];
  const closeAll = () => clients.forEach((c) => c.close());
  let joinAck: unknown;
  try {
    await mapLimit(
      Array.from({ length: options.count }, (_, i) => i),
      options.concurrency,
      async (i) => {
        const t0 = performance.now();
        const client = await WireClient.connect(url, { protocolVersion: PROTOCOL_VERSION });
        clients.push(client);
        connect.add(performance.now() - t0);
        const t1 = performance.now();
        const ack = await client.request('join', { roomId: `${options.roomPrefix}-${Math.floor(i / options.roomSize)}`, displayName: `Bench ${i}` });
        join.add(performance.now() - t1);
        joinAck ??= ack;
      },
    );
  } catch (error) {
    closeAll();
    throw error;
  }
  return { clients, connect: connect.summary(), join: join.summary(), joinAck, close: closeAll };
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/**
 * Open loop at a fixed offered rate: every client sends one request every
 * `clients / ratePerSecond` seconds (phases spread evenly), whether or not its last
 * ack is back. Latency runs from the moment the frame was handed to the socket to the
 * moment its ack was read. Stops scheduling at `seconds`; waits at most `graceMs` more.
 */
export async function pacedLoop(clients: WireClient[], options: { ratePerSecond: number; seconds: number; graceMs?: number }): Promise<LoopResult> {
  const latency = new Samples();
  const intervalMs = (1000 * clients.length) / options.ratePerSecond;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const cpu0 = cpuNow();
  const delay = loopDelay();
  let sent = 0;
  let acks = 0;
  let errors = 0;
  let outstanding = 0;
  let lastAck = start;
  let settle: () => void = () => undefined;
  const timers = new Set<NodeJS.Timeout>();
  const schedule = (client: WireClient, at: number) => {
    if (at >= deadline) return;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        const t0 = performance.now();
        sent++;
        outstanding++;
        client.requestRaw(LOOP_REQUEST, '{}', (ok) => {
          const t1 = performance.now();
          outstanding--;
          lastAck = t1;
          if (ok) {
            acks++;
            latency.add(t1 - t0);
          } else errors++;
          if (outstanding === 0 && t1 >= deadline) settle();
        });
        schedule(client, at + intervalMs);
      },
      Math.max(0, at - performance.now()),
    );
    timers.add(timer);
  };
  clients.forEach((client, i) => schedule(client, start + (i / clients.length) * intervalMs));
  await sleep(options.seconds * 1000);
  for (const timer of timers) clearTimeout(timer);
  if (outstanding > 0) {
    await Promise.race([new Promise<void>((resolve) => (settle = resolve)), sleep(options.graceMs ?? 5000)]);
  }
  const cpu = cpuNow() - cpu0;
  const lag = delay.stop();
  const elapsed = Math.max(lastAck, deadline) - start;
  return {
    seconds: elapsed / 1000,
    sent,
    acks,
    failures: errors + outstanding,
    acksPerSecond: (acks * 1000) / elapsed,
    latency: latency.summary(),
    clientCpu: cpu / 1000 / elapsed,
    clientLoopDelayP99Ms: lag.p99,
    clientLoopDelayMaxMs: lag.max,
  };
}

/**
 * Closed loop: every client keeps exactly one request in flight (the next goes out
 * when the ack is back) until `seconds` have passed or it sent `maxPerClient`.
 * Measures the server's capacity: acks/s at saturation, and the latency it costs.
 */
export async function saturatedLoop(
  clients: WireClient[],
  options: { seconds: number; maxPerClient: number; graceMs?: number },
): Promise<LoopResult> {
  const latency = new Samples();
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const cpu0 = cpuNow();
  const delay = loopDelay();
  let sent = 0;
  let acks = 0;
  let errors = 0;
  let running = clients.length;
  let lastAck = start;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const loop = (client: WireClient, count: number) => {
    if (count >= options.maxPerClient || performance.now() >= deadline || client.closed) {
      if (--running === 0) done();
      return;
    }
    const t0 = performance.now();
    sent++;
    client.requestRaw(LOOP_REQUEST, '{}', (ok) => {
      const t1 = performance.now();
      lastAck = t1;
      if (ok) {
        acks++;
        latency.add(t1 - t0);
      } else errors++;
      loop(client, count + 1);
    });
  };
  clients.forEach((client) => loop(client, 0));
  await Promise.race([finished, sleep(options.seconds * 1000 + (options.graceMs ?? 5000))]);
  const cpu = cpuNow() - cpu0;
  const lag = delay.stop();
  const elapsed = lastAck - start;
  return {
    seconds: elapsed / 1000,
    sent,
    acks,
    failures: errors + (sent - acks - errors),
    acksPerSecond: (acks * 1000) / elapsed,
    latency: latency.summary(),
    clientCpu: cpu / 1000 / elapsed,
    clientLoopDelayP99Ms: lag.p99,
    clientLoopDelayMaxMs: lag.max,
  };
}
