import type { BookingResult, HttpRun } from './booking/run.js';
import type { BundleResult } from './bundle.js';
import { type CpuAvailability } from './lib/machine.js';
import { kib, ms, NA, num, p50p90p99, p50p95p99, p50p99, pct, times } from './lib/format.js';
import { ratio } from './lib/stats.js';
import type { JoinResult, JoinStep } from './join/run.js';
import type { FanOutStep } from './media/fanout.js';
import type { MediaResult } from './media/run.js';
import type { SignalingResult, SignalingTargetResult } from './signaling/run.js';

/** Published figures the results are read against (see bench/README.md for sources). */
export const targets = {
  ackP99: 'ack p99 < 10 ms at 1,000 sockets',
  join: 'join p50 < 300 ms, p95 < 700 ms at 50 joiners (server side: join request → first RTP forwarded on each consumer)',
  booking: 'p99 < 25 ms at 500 req/s',
  slotsServed: '≥ 1,000 req/s served (repeated query)',
  slotsCpu: '≤ 1 ms CPU per uncached query',
  routeJs: '≤ 150 kB compressed',
  lcp: 'LCP ≤ 1 s on loopback',
  linkToFace: 'p50 ≤ 1.5 s; ≥ 5× faster than MiroTalk SFU',
  joinToFace: 'p50 ≤ 400 ms (two participants)',
  media: 'mediasoup ~120k pkt/s per worker; LiveKit 38–75k pkt/s per vCPU',
} as const;

export function cpuLine(label: string, c: CpuAvailability): string {
  const psi = c.pressureSome60 === null ? '' : `, CPU pressure (PSI some, avg60) ${c.pressureSome60.toFixed(0)} %`;
  return `${label}: a busy loop got ${c.cpuPerWall.toFixed(2)} of a core (longest pause ${c.maxGapMs.toFixed(0)} ms), load average ${c.loadAverage1m.toFixed(2)}${psi}`;
}

// ---------- summary rows ----------

export function signalingSummary(r: SignalingResult): string[][] {
  const rows: string[][] = [];
  for (const clients of r.options.clients) {
    const ours = r.runs.find((x) => x.target === 'ours' && x.clients === clients);
    const bare = r.runs.find((x) => x.target === 'bare' && x.clients === clients);
    if (!ours || !bare) continue;
    const rate = r.options.pacedRatePerSecond;
    rows.push([
      `Signaling, ${clients} sockets`,
      `ack p50 / p90 / p99 at ${num(rate)} req/s offered`,
      p50p90p99(ours.paced.latency),
      p50p90p99(bare.paced.latency),
      `p99 ${times(ratio(ours.paced.latency.p99, bare.paced.latency.p99))}`,
      targets.ackP99,
    ]);
    rows.push([
      `Signaling, ${clients} sockets`,
      'acks/s at saturation (1 request in flight per socket)',
      num(ours.saturated.acksPerSecond),
      num(bare.saturated.acksPerSecond),
      times(ratio(ours.saturated.acksPerSecond, bare.saturated.acksPerSecond)),
      NA,
    ]);
    const cpuPerAck = (x: SignalingTargetResult) => (x.saturated.serverCpu * 1e6) / x.saturated.acksPerSecond;
    rows.push([
      `Signaling, ${clients} sockets`,
      'server CPU per ack at saturation',
      `${num(cpuPerAck(ours))} µs`,
      `${num(cpuPerAck(bare))} µs`,
      times(ratio(cpuPerAck(ours), cpuPerAck(bare))),
      NA,
    ]);
    rows.push([
      `Signaling, ${clients} sockets`,
      'join ack p50 / p99 (signaling only, no transports)',
      p50p99(ours.join),
      p50p99(bare.join),
      `p50 ${times(ratio(ours.join.p50, bare.join.p50))}`,
      targets.join,
    ]);
    rows.push([
      `Memory, ${clients} joined sockets`,
      'server RSS per participant',
      kib(ours.memory.rssPerClientBytes),
      kib(bare.memory.rssPerClientBytes),
      times(ratio(ours.memory.rssPerClientBytes, bare.memory.rssPerClientBytes)),
      NA,
    ]);
    rows.push([
      `Memory, ${clients} joined sockets`,
      'server JS heap per participant',
      kib(ours.memory.heapPerClientBytes),
      kib(bare.memory.heapPerClientBytes),
      times(ratio(ours.memory.heapPerClientBytes, bare.memory.heapPerClientBytes)),
      NA,
    ]);
  }
  return rows;
}

/** Milliseconds of server CPU per answered request. */
export const cpuPerRequest = (run: HttpRun) => (run.serverCpu * 1000) / run.requestsPerSecond;

/**
 * Summary rows of one booking run. Baseline: GET /api/health of the same process, or, for
 * PostgreSQL, the same endpoint and load on SQLite in the same run when that succeeded.
 */
export function bookingSummary(r: BookingResult, sqlite?: BookingResult): string[][] {
  const floor = r.runs.find((x) => x.floor && x.mode === 'saturated');
  const baseline = (run: HttpRun): { run: HttpRun; label: string } | undefined => {
    if (!sqlite) return run.mode === 'saturated' && floor ? { run: floor, label: 'GET /api/health' } : undefined;
    const same = sqlite.runs.find((x) => x.endpoint === run.endpoint && x.mode === run.mode);
    return same && { run: same, label: sqlite.engine };
  };
  const rows: string[][] = [];
  for (const run of r.runs.filter((x) => !x.floor)) {
    const base = baseline(run);
    const name = `Booking, ${r.engine}: ${run.endpoint}`;
    if (run.mode === 'saturated') {
      rows.push([
        name,
        `req/s at ${run.connections} connections (p99)`,
        `${num(run.requestsPerSecond)} (${ms(run.latency.p99)})`,
        base ? `${num(base.run.requestsPerSecond)} (${ms(base.run.latency.p99)}) ${base.label}` : NA,
        base ? times(ratio(run.requestsPerSecond, base.run.requestsPerSecond)) : NA,
        run.kind === 'slots-repeated' ? targets.slotsServed : NA,
      ]);
      rows.push([
        name,
        'server CPU per request at saturation',
        ms(cpuPerRequest(run)),
        base ? `${ms(cpuPerRequest(base.run))} ${base.label}` : NA,
        base ? times(ratio(cpuPerRequest(run), cpuPerRequest(base.run))) : NA,
        run.kind === 'slots-uncached' || run.kind === 'slots-compact-uncached' ? targets.slotsCpu : NA,
      ]);
    } else {
      const served = (x: HttpRun) => `${num(x.requestsPerSecond)} req/s served${x.sustained ? '' : ', cut short: fell behind'}`;
      rows.push([
        name,
        `p50 / p99 at ${num(run.offeredPerSecond ?? Number.NaN)} req/s offered`,
        `${p50p99(run.latency)} (${served(run)})`,
        base ? `${p50p99(base.run.latency)} (${served(base.run)}) ${base.label}` : NA,
        base ? `p99 ${times(ratio(run.latency.p99, base.run.latency.p99))}` : NA,
        run.kind === 'slots-repeated' ? targets.booking : NA,
      ]);
    }
  }
  return rows;
}

/** The largest K at which both stacks kept loss within the limit. */
export function cleanStep(r: MediaResult): { ours: FanOutStep; bare: FanOutStep } | undefined {
  return r.steps.filter((s) => s.ours.loss <= r.options.maxLoss && s.bare.loss <= r.options.maxLoss).at(-1);
}

export function mediaSummary(r: MediaResult): string[][] {
  const step = cleanStep(r);
  if (!step) return [['Media fan-out', `no K with loss ≤ ${pct(r.options.maxLoss)}`, NA, NA, NA, targets.media]];
  const k = step.ours.consumers;
  const capacity = (s: FanOutStep) => 1e6 / s.workerMicrosPerPacket;
  return [
    [
      `Media: 1 producer → ${k} consumers`,
      `forwarded packets/s (loss ≤ ${pct(r.options.maxLoss)})`,
      num(step.ours.forwardedPerSecond),
      num(step.bare.forwardedPerSecond),
      times(ratio(step.ours.forwardedPerSecond, step.bare.forwardedPerSecond)),
      NA,
    ],
    [
      `Media: 1 producer → ${k} consumers`,
      'worker CPU per forwarded packet',
      `${num(step.ours.workerMicrosPerPacket, 1)} µs`,
      `${num(step.bare.workerMicrosPerPacket, 1)} µs`,
      times(ratio(step.ours.workerMicrosPerPacket, step.bare.workerMicrosPerPacket)),
      NA,
    ],
    [
      'Media: one worker, extrapolated',
      'packets/s at 100 % of a core (10⁶ / µs per packet)',
      num(capacity(step.ours)),
      num(capacity(step.bare)),
      times(ratio(capacity(step.ours), capacity(step.bare))),
      targets.media,
    ],
  ];
}

export const gallery = (s: JoinStep) =>
  (s.maxRemotePeers === null ? 'receiving all others' : `receiving ${s.maxRemotePeers} others`) + (s.audioOnly ? ', audio only' : '');

export function joinSummary(r: JoinResult): string[][] {
  const base = r.steps[0];
  return r.steps
    .map((s) => [
      `Join (WebRTC), ${s.participants} at once, ${gallery(s)}`,
      `connect → first remote video frame p50 / p95 / p99; failed`,
      `${p50p95p99(s.firstFrame)}; ${pct(s.failed / s.joins)}`,
      base && base !== s ? `${p50p95p99(base.firstFrame)} (N = ${base.participants})` : NA,
      base && base !== s
        ? `p50 ${times(ratio(s.firstFrame.p50, base.firstFrame.p50))}, p95 ${times(ratio(s.firstFrame.p95, base.firstFrame.p95))}`
        : NA,
      s.participants >= 50 ? targets.join : NA,
    ])
    .concat(
      r.steps.map((s) => [
        `Join, server side, ${s.participants} at once${s.audioOnly ? ', audio only' : ''}`,
        'join request → first RTP forwarded on each consumer p50 / p95 (server trace)',
        `${ms(s.serverJoin.p50 * 1000)} / ${ms(s.serverJoin.p95 * 1000)}`,
        base && base !== s ? `${ms(base.serverJoin.p50 * 1000)} / ${ms(base.serverJoin.p95 * 1000)} (N = ${base.participants})` : NA,
        base && base !== s
          ? `p50 ${times(ratio(s.serverJoin.p50, base.serverJoin.p50))}, p95 ${times(ratio(s.serverJoin.p95, base.serverJoin.p95))}`
          : NA,
        s.participants >= 50 ? targets.join : NA,
      ]),
    );
}

export function bundleSummary(r: BundleResult): string[][] {
  const rows = [['Client bundle', 'initial JS, gzip (entry + modulepreloads)', kib(r.initialJs.gzipBytes), NA, NA, NA]];
  for (const route of r.routes) {
    rows.push(['Client bundle', `JS before ${route.route} renders, Brotli (as sent)`, kib(route.js.brotliBytes), NA, NA, targets.routeJs]);
  }
  for (const load of r.pageLoad?.loads ?? []) {
    rows.push([
      `Page load (${r.pageLoad?.browser ?? 'Chromium'})`,
      `${load.page}: ${load.figure}, p50 / p95`,
      `${ms(load.ms.p50)} / ${ms(load.ms.p95)}`,
      `FCP ${ms(load.fcpMs.p50)}`,
      NA,
      load.page === 'expo hall' ? targets.lcp : NA,
    ]);
  }
  const face = r.pageLoad?.face;
  if (face) {
    const browser = `Meeting (${r.pageLoad?.browser ?? 'Chromium'}, ${face.loads - face.failed} of ${face.loads} cold guests)`;
    const peer = r.pageLoad?.peerFace;
    rows.push(
      [
        browser,
        'meeting link → first decoded remote frame p50 / p95',
        `${ms(face.firstFrame.p50)} / ${ms(face.firstFrame.p95)}`,
        peer
          ? `${peer.product} (${peer.loads - peer.failed} of ${peer.loads}): ${ms(peer.firstFrame.p50)} / ${ms(peer.firstFrame.p95)}`
          : `name field ${ms(face.nameField.p50)}`,
        peer ? `${times(ratio(peer.firstFrame.p50, face.firstFrame.p50))} sooner (p50)` : NA,
        targets.linkToFace,
      ],
      [
        browser,
        'Join pressed → first decoded remote frame p50 / p95',
        `${ms(face.joinToFrame.p50)} / ${ms(face.joinToFrame.p95)}`,
        NA,
        NA,
        targets.joinToFace,
      ],
    );
  }
  return rows;
}

// ---------- detail sections ----------
