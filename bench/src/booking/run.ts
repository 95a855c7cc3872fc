import autocannon from 'autocannon';
import { Samples, sleep, type Summary } from '../lib/stats.js';
import type { Target } from '../targets/spawn.js';
import { pacedGets } from './paced.js';

export type BookingOptions = {
  connections: number;
  /** Seconds of the saturating run per endpoint (and of the GET /api/health floor run). */
  seconds: number;
  /** Offered rate of the paced run (req/s, evenly spread, over at most `connections` sockets); 0 skips it. */
  pacedRatePerSecond: number;
  pacedSeconds: number;
  /** Unrecorded autocannon run per endpoint first (JIT, caches, SQLite page cache), seconds; 0 skips it. */
  warmupSeconds: number;
};

/** What a run asked for, so the report can hold it against its target. */
export type EndpointKind = 'health' | 'slots-repeated' | 'slots-uncached' | 'slots-compact-uncached' | 'slots-revalidated' | 'booths';

/** One endpoint under load; `vary` changes each request (a new query, a header). */
type Endpoint = {
  endpoint: string;
  kind: EndpointKind;
  path: string;
  /** Also run at the paced rate. */
  paced: boolean;
  /** The status every answer should have (304 for revalidations); others count as non-2xx. Default 2xx. */
  status?: number;
  vary?: () => { path?: string; headers?: Record<string, string> };
};

export type HttpRun = {
  endpoint: string;
  kind: EndpointKind;
  /** True for GET /api/health, the in-run baseline (the same app's cheapest route). */
  floor: boolean;
  path: string;
  mode: 'saturated' | 'paced';
  connections: number;
  offeredPerSecond: number | null;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Our own per-response latencies (autocannon's histogram rounds to whole ms). */
  latency: Summary;
  /** autocannon's own p99 (whole ms) for the saturated runs; NaN for paced runs. */
  autocannonP99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Paced runs: requests still unanswered at the end (the run was cut short or the grace period ran out). */
  unanswered: number;
  /** Mean response body size. */
  bytesPerResponse: number;
  /** CPU of the platform's Node process over the run, fraction of one core. */
  serverCpu: number;
  /** Paced runs: false when the server fell so far behind that the run was cut short. */
  sustained: boolean;
};

export type BookingEngine = 'SQLite' | 'PostgreSQL';

export type BookingResult = {
  options: BookingOptions;
  engine: BookingEngine;
  /** Where the platform stored, for the report. */
  database: string;
  runs: HttpRun[];
};

/** The platform under test and what it stores on. */
export type BookingTarget = { target: Target; engine: BookingEngine; database: string };

/** The SQLite platform of main.ts (shared with the signaling runs). */
export const sqliteDatabase = 'a SQLite file (WAL) in the OS temp folder with the demo expo seed';

/**
 * The slots route is rate limited per client IP (120/min). Real load comes from many
 * guests; the bench's server trusts X-Forwarded-For from loopback (`TRUST_PROXY=loopback`),
 * so each request names one of 4,096 synthetic client addresses in turn: the limiter
 * still runs on every request, and no address comes near its limit.
 */
function rotatingClientAddresses(): () => string {
  let n = 0;
  return () => {
    const i = n++ % 4096;
    return `10.77.${i >> 8}.${i & 255}`;
  };
}

/**
 * Waits until the server answers GET /api/health within 20 ms twice in a row (at most
 * 15 s), so work left over from one run (requests it had already read) is not charged
 * to the next.
 */
async function untilIdle(target: Target): Promise<void> {
  const deadline = performance.now() + 15_000;
  let fast = 0;
  while (fast < 2 && performance.now() < deadline) {
    const t0 = performance.now();
    await fetch(`${target.url}/api/health`).then((r) => r.arrayBuffer());
    fast = performance.now() - t0 < 20 ? fast + 1 : 0;
    await sleep(50);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Fixed concurrency with autocannon: every connection sends its next request when the last one is answered. */
async function saturated(target: Target, e: Endpoint, options: BookingOptions): Promise<HttpRun> {
  const nextAddress = rotatingClientAddresses();
  const latency = new Samples();
  const expected = (status: number) => (e.status === undefined ? status >= 200 && status < 300 : status === e.status);
  let unexpected = 0;
  const s0 = await target.sample();
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            path: e.path,
            setupRequest: (request) => {
              const change = e.vary?.() ?? {};
              return {
                ...request,
                path: change.path ?? request.path,
                headers: { ...request.headers, 'x-forwarded-for': nextAddress(), ...change.headers },
              };
            },
          },
        ],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (expected(statusCode)) latency.add(responseTimeMs);
      else unexpected++;
    });
  });
  const wallMs = performance.now() - t0;
  const s1 = await target.sample();
  const requests = result.requests.total;
  return {
    endpoint: e.endpoint,
    kind: e.kind,
    floor: e.kind === 'health',
    path: e.path,
    mode: 'saturated',
    connections: options.connections,
    offeredPerSecond: null,
    seconds: result.duration,
    requests,
    requestsPerSecond: requests / result.duration,
    latency: latency.summary(),
    autocannonP99Ms: result.latency.p99,
    non2xx: unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    unanswered: 0,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
    serverCpu: (s1.cpuMicros - s0.cpuMicros) / 1000 / wallMs,
    sustained: true,
  };
}

/** A fixed offered rate, spread evenly, over up to `connections` keep-alive sockets. */
async function paced(target: Target, e: Endpoint, options: BookingOptions): Promise<HttpRun> {
  const nextAddress = rotatingClientAddresses();
  const s0 = await target.sample();
  const t0 = performance.now();
  const result = await pacedGets({
    url: target.url,
    path: e.path,
    ratePerSecond: options.pacedRatePerSecond,
    seconds: options.pacedSeconds,
    connections: options.connections,
    headers: () => ({ 'x-forwarded-for': nextAddress() }),
  });
  const wallMs = performance.now() - t0;
  const s1 = await target.sample();
  return {
    endpoint: e.endpoint,
    kind: e.kind,
    floor: e.kind === 'health',
    path: e.path,
    mode: 'paced',
    connections: options.connections,
    offeredPerSecond: options.pacedRatePerSecond,
    seconds: result.seconds,
    requests: result.sent,
    requestsPerSecond: result.ok / result.seconds,
    latency: result.latency,
    autocannonP99Ms: Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: 0,
    unanswered: result.unanswered,
    bytesPerResponse: result.bytesPerResponse,
    serverCpu: (s1.cpuMicros - s0.cpuMicros) / 1000 / wallMs,
    sustained: result.sustained,
  };
}

/**
 * Booking API under load: the platform (its own process, the caller's) on SQLite or
 * PostgreSQL with the demo expo; one booth's slots for one week, and the booth list of
 * the event, after GET /api/health as the floor of the same app.
 */
export async function runBooking(
  options: BookingOptions,
  { target, engine, database }: BookingTarget,
  log: (line: string) => void,
): Promise<BookingResult> {
  const { events } = await getJson<{ events: { id: string }[] }>(`${target.url}/api/events`);
  const eventId = events[0]?.id;
  if (!eventId) throw new Error('the demo seed made no event');
  const { booths } = await getJson<{ booths: { id: string }[] }>(`${target.url}/api/events/${eventId}/booths`);
  const boothId = booths[0]?.id;
  if (!boothId) throw new Error('the demo seed made no booth');
  // One week from the next full hour (the demo event runs two weeks from today).
  const from = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const slotsPath = (start: number, view?: 'compact') => {
    const query = new URLSearchParams({
      from: new Date(start).toISOString(),
      to: new Date(start + 7 * 86_400_000).toISOString(),
      ...(view && { view }),
    });
    return `/api/booths/${boothId}/slots?${query}`;
  };
  const repeated = slotsPath(from);
  const etag = (await fetch(`${target.url}${repeated}`)).headers.get('etag') ?? '';
  let shift = 0;
  const endpoints: Endpoint[] = [
    { endpoint: 'slots, repeated query (one booth, one week)', kind: 'slots-repeated', path: repeated, paced: true },
    {
      // Each request a window one minute later: a new cache key each time, so every answer is computed.
      endpoint: 'slots, uncached (a new week each request)',
      kind: 'slots-uncached',
      path: repeated,
      paced: false,
      vary: () => ({ path: slotsPath(from + ((shift++ % 10_000) + 1) * 60_000) }),
    },
    {
      endpoint: 'slots, uncached, view=compact (no local-time strings)',
      kind: 'slots-compact-uncached',
      path: slotsPath(from, 'compact'),
      paced: false,
      vary: () => ({ path: slotsPath(from + ((shift++ % 10_000) + 1) * 60_000, 'compact') }),
    },
    {
      endpoint: 'slots, revalidated (If-None-Match → 304)',
      kind: 'slots-revalidated',
      path: repeated,
      paced: false,
      status: 304,
      vary: () => ({ headers: { 'if-none-match': etag } }),
    },
    { endpoint: 'booths of the event', kind: 'booths', path: `/api/events/${eventId}/booths`, paced: true },
  ];
  // The floor of the same app in the same process: helmet, JSON, routing, no database.
  const floor: Endpoint = { endpoint: 'health (Express floor)', kind: 'health', path: '/api/health', paced: false };
  for (const e of [...endpoints, floor]) await fetch(`${target.url}${e.path}`).then((r) => r.arrayBuffer());
  if (options.warmupSeconds > 0) {
    log(`booking on ${engine}: warm-up, ${options.warmupSeconds} s per endpoint`);
    for (const e of [floor, ...endpoints]) await saturated(target, e, { ...options, seconds: options.warmupSeconds });
  }
  const runs: HttpRun[] = [];
  const record = async (run: () => Promise<HttpRun>) => {
    await untilIdle(target);
    runs.push(await run());
  };
  log(`booking on ${engine}: ${floor.endpoint}, ${options.connections} connections, ${options.seconds} s`);
  await record(() => saturated(target, floor, options));
  for (const e of endpoints) {
    log(`booking on ${engine}: ${e.endpoint}, ${options.connections} connections, ${options.seconds} s`);
    await record(() => saturated(target, e, options));
    if (e.paced && options.pacedRatePerSecond > 0 && options.pacedSeconds > 0) {
      log(`booking on ${engine}: ${e.endpoint}, ${options.pacedRatePerSecond} req/s, ${options.pacedSeconds} s`);
      await record(() => paced(target, e, options));
    }
  }
  await untilIdle(target);
  return { options, engine, database, runs };
}
