import type { BookingResult, HttpRun } from './booking/run.js';
import type { BundleResult } from './bundle.js';
import { machineLine, type CpuAvailability, type Machine } from './lib/machine.js';
import { cores, kib, mib, ms, NA, num, p50p90p99, p50p95p99, p50p99, pct, table } from './lib/format.js';
import type { JoinResult } from './join/run.js';
import { stageEnginesSection } from './stage/report.js';
import type { StageEnginesResult } from './stage/run.js';
import type { RelayResult } from './media/relay.js';
import { relaySection, relaySummary } from './media/relayReport.js';
import type { MediaResult } from './media/run.js';
import type { Mode } from './profiles.js';
import type { SignalingResult, SignalingTargetResult } from './signaling/run.js';
import { bookingSummary, bundleSummary, cpuLine, cpuPerRequest, joinSummary, mediaSummary, signalingSummary } from './reportSummaries.js';

export { targets } from './reportSummaries.js';

export type Outcome<T> = { ok: true; seconds: number; result: T } | { ok: false; seconds: number; error: string };

export type BenchResult = {
  mode: Mode;
  command: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  machine: Machine;
  cpuAtStart: CpuAvailability;
  cpuAtEnd: CpuAvailability;
  /** Seconds from forking the platform process to its 'ready' (migrations, demo seed, media worker, listen). */
  platformStartSeconds?: number;
  signaling?: Outcome<SignalingResult>;
  booking?: Outcome<BookingResult>;
  /** The same booking runs against a second platform process on a fresh PostgreSQL database. */
  bookingPostgres?: Outcome<BookingResult>;
  media?: Outcome<MediaResult>;
  /** The stage node's worker CPU with its viewers on the stage's node vs on an overflow node behind a NodePipe. */
  relay?: Outcome<RelayResult>;
  join?: Outcome<JoinResult>;
  /** One publisher to K viewers on mediasoup and on LiveKit (section 7). */
  stageEngines?: Outcome<StageEnginesResult>;
  bundle?: Outcome<BundleResult>;
};

function signalingSection(r: SignalingResult): string {
  const o = r.options;
  const rows = r.runs.map((x: SignalingTargetResult) => [
    x.target === 'ours' ? 'ours (platform)' : 'bare Socket.io',
    num(x.clients),
    num(x.rooms),
    p50p99(x.connect),
    p50p99(x.join),
    `${p50p90p99(x.paced.latency)}, ${num(x.paced.acksPerSecond)}/s, fail ${num(x.paced.failures)}`,
    `${cores(x.paced.serverCpu)} / ${cores(x.paced.clientCpu)}`,
    ms(x.paced.clientLoopDelayP99Ms),
    `${num(x.saturated.acksPerSecond)}/s, ${p50p99(x.saturated.latency)}, fail ${num(x.saturated.failures)}`,
    `${cores(x.saturated.serverCpu)} / ${cores(x.saturated.clientCpu)}`,
  ]);
  return [
    '## 1. Signaling round trip',
    '',
    `How: each server runs in its own Node process; N WebSocket clients (a minimal Socket.io v4 wire client, see bench/README.md) connect, \`join\` an instant room (${o.roomSize} per room), then send \`getRouterRtpCapabilities\` with an ack. ` +
      `Paced: ${num(o.pacedRatePerSecond)} req/s over all sockets, evenly spread, ${o.pacedSeconds} s, latency from send to ack. ` +
      `Saturated: each socket keeps one request in flight for ${o.saturatedSeconds} s. ` +
      "Baseline: a bare Socket.io server (same package and options as our gateway) acking the same bytes our server sends, with no handshake checks, validation, rooms or mediasoup. Our platform runs with SOCKET_REQUESTS_PER_SECOND=10000 here (default 100 per socket), so the saturation loop is answered rather than refused; the limiter still runs. Server CPU is the target process's, client CPU the load generator's (fractions of one core). A large client event-loop delay means the load generator itself stalled (on a shared VM, usually the host), which inflates the tail latencies of both servers alike.",
    '',
    table(
      [
        'server',
        'sockets',
        'rooms',
        'connect p50 / p99',
        'join p50 / p99',
        'paced: p50 / p90 / p99, acks/s',
        'paced CPU server / client',
        'paced: client event-loop delay p99',
        'saturated: acks/s, p50 / p99',
        'saturated CPU server / client',
      ],
      rows,
    ),
  ].join('\n');
}

function memorySection(r: SignalingResult): string {
  const rows = r.runs.map((x) => [
    x.target === 'ours' ? 'ours (platform)' : 'bare Socket.io',
    num(x.clients),
    mib(x.memory.before.rssBytes),
    mib(x.memory.after.rssBytes),
    kib(x.memory.rssPerClientBytes),
    kib(x.memory.heapPerClientBytes),
    x.memory.workerRssPerClientBytes === null ? NA : kib(x.memory.workerRssPerClientBytes),
  ]);
  return [
    '## 4. Memory per participant',
    '',
    `How: RSS of the server process (after two forced GCs) after ${r.options.warmupClients} warm-up clients came and went, and again after N clients connected and joined (${r.options.settleMs} ms settle, then sampled until RSS moves less than 256 KiB in 300 ms); the difference divided by N. Worker RSS is the mediasoup workers' (from /proc), where each room is a Router. Small N gives noisy per-client figures (allocator arenas grow in steps).`,
    '',
    table(
      ['server', 'participants', 'RSS before', 'RSS after', 'RSS per participant', 'JS heap per participant', 'worker RSS per participant'],
      rows,
    ),
  ].join('\n');
}

/** Section 2 (SQLite, with the method) or 2b (PostgreSQL: same method, its own table). */
function bookingSection(r: BookingResult): string {
  const rows = r.runs.map((x: HttpRun) => [
    x.endpoint,
    x.mode === 'saturated'
      ? `autocannon, ${x.connections} connections`
      : `paced ${num(x.offeredPerSecond ?? Number.NaN)} req/s${x.sustained ? '' : ' (cut short)'}`,
    num(x.seconds, 1),
    num(x.requestsPerSecond),
    p50p99(x.latency),
    ms(x.latency.max),
    `${num(x.non2xx)} / ${num(x.errors)}${x.unanswered ? ` / ${num(x.unanswered)} unanswered` : ''}`,
    kib(x.bytesPerResponse),
    cores(x.serverCpu),
    ms(cpuPerRequest(x)),
  ]);
  const how =
    r.engine === 'PostgreSQL'
      ? `How: as in section 2, the same profile in the same run, against a second platform process on ${r.database}. Baseline: GET /api/health in this process; the summary compares with SQLite. Server CPU is the platform's Node process only: PostgreSQL's own backends run in other processes and are not counted (SQLite works inside the Node process), so CPU per request here is the Node side of the cost.`
      : `How: the platform in its own process on ${r.database}. Saturated: autocannon at fixed concurrency, ${r.options.seconds} s per endpoint. Paced: ${num(r.options.pacedRatePerSecond)} req/s offered evenly over up to ${r.options.connections} keep-alive sockets for ${r.options.pacedSeconds} s (stopped early if 2 s of requests pile up; what is still queued is abandoned). Before each run the bench waits until GET /api/health answers within 20 ms, so leftovers of one run are not charged to the next. ` +
        "Latency is measured per response (autocannon's own histogram rounds to whole ms). Every request carries a different X-Forwarded-For from a pool of 4,096 addresses, which the bench server trusts from loopback (TRUST_PROXY=loopback), so the per-IP rate limit (120/min on slots) runs but does not trip. Baseline: GET /api/health in the same process.";
  return [
    r.engine === 'PostgreSQL' ? '## 2b. Booking API on PostgreSQL' : '## 2. Booking API on SQLite',
    '',
    how,
    '',
    `Slots path: \`${r.runs.find((x) => x.path.includes('/slots'))?.path ?? NA}\``,
    '',
    table(['endpoint', 'load', 's', 'req/s', 'p50 / p99', 'max', 'non-2xx / errors', 'body', 'server CPU', 'CPU per request'], rows),
  ].join('\n');
}

function mediaSection(r: MediaResult): string {
  const o = r.options;
  const rows: string[][] = [];
  for (const step of r.steps) {
    for (const s of [step.ours, step.bare]) {
      const name = s === step.ours ? 'ours' : 'bare';
      rows.push([
        num(s.consumers),
        name,
        num(s.sentPackets),
        `${num(s.receivedPackets)} / ${num(s.expectedPackets)}`,
        pct(s.loss, 2),
        num(s.forwardedPerSecond),
        pct(s.workerCpu, 0),
        `${num(s.workerMicrosPerPacket, 1)} µs`,
        pct(s.harnessCpu, 0),
        s.kernelRcvbufDrops === null ? NA : num(s.kernelRcvbufDrops),
        `${num(s.perSinkMin)}–${num(s.perSinkMax)}`,
        `${num(s.drainMs)} ms`,
      ]);
    }
  }
  const stacks = r.stacks.map((s) => `- **${s.name}**: ${s.description}`).join('\n');
  const retried = r.retried.length
    ? `\n\nRepeated once after loss over the limit: ${r.retried.map((x) => `${x.stack} K=${x.first.consumers} (first try ${pct(x.first.loss, 2)})`).join(', ')}.`
    : '';
  return [
    '## 3. Media forwarding (one worker)',
    '',
    `How: **PlainTransports, RTP over UDP on 127.0.0.1** (no ICE, DTLS, SRTP or congestion control). A Node UDP socket sends synthetic VP8 (valid RTP header, PT ${96} and the SSRC of the producer's rtpParameters, Chrome-style VP8 payload descriptor, keyframe every 2 s and on PLI) of ${num(o.packetBytes)}-byte packets at ${num(o.packetsPerSecond)} packets/s, paced, into a producer; K consumers, each on its own PlainTransport (comedia off) connected to a local UDP sink, forward it. ` +
      `Per K and stack: ${o.repeats} × (${o.warmupSeconds} s warm-up, ${o.windowSeconds} s window)${o.repeats > 1 ? ', in ABBA order, pooled' : ''}; sinks count the packets sent inside the window (an index in the payload); worker CPU = Δ(ru_utime + ru_stime) from worker.getResourceUsage() over the window. Ramp stops when loss > ${pct(o.maxLoss)} or worker CPU > ${pct(o.maxWorkerCpu, 0)} of a core: ${r.stoppedBecause}. ` +
      'Both stacks use 4 MiB socket buffers; the sender and sinks (the harness) run in the bench process and share the machine with the worker.',
    '',
    stacks,
    '',
    table(
      [
        'K',
        'stack',
        'sent (pooled)',
        'received / expected',
        'loss',
        'forwarded/s',
        'worker CPU',
        'worker CPU / packet',
        'harness CPU',
        'kernel rcvbuf drops',
        'per-sink min–max',
        'late arrivals until',
      ],
      rows,
    ) + retried,
    '',
    'Equal per-sink counts with loss mean the packets were lost before the fan-out (the worker did not read its input in time); unequal counts mean drops at the sinks.',
  ].join('\n');
}

function joinSection(r: JoinResult): string {
  const o = r.options;
  const rows = r.steps.map((s) => [
    `${num(s.participants)}${s.audioOnly ? ' (audio only)' : ''}`,
    s.maxRemotePeers === null ? 'all' : num(s.maxRemotePeers),
    `${num(s.joins)} (${s.rounds} × ${s.participants})`,
    `${num(s.failed)} (${pct(s.failed / s.joins)})`,
    `${p50p95p99(s.firstFrame)} / ${ms(s.firstFrame.max)}`,
    `${ms(s.allFrames.p50)} / ${ms(s.allFrames.p95)}`,
    [s.milestones.connected, s.milestones.joined, s.milestones.sendConnected, s.milestones.produced, s.milestones.recvConnected]
      .map((m) => ms(m.p50))
      .join(' / '),
    `${ms(s.serverJoin.p50 * 1000)} / ${ms(s.serverJoin.p95 * 1000)} (${num(s.serverJoin.consumers)})`,
    `${cores(s.cpu.peers)} / ${cores(s.cpu.platform)} / ${s.cpu.worker === null ? NA : cores(s.cpu.worker)}`,
  ]);
  const failures = r.steps
    .filter((s) => s.failed > 0)
    .map(
      (s) =>
        `- N = ${s.participants}: ${Object.entries(s.failures)
          .map(([reason, n]) => `${n} × ${reason}`)
          .join('; ')}`,
    );
  return [
    '## 6. Join latency with real WebRTC peers',
    '',
    `How: the platform in its own process (DEMO_MODE, one mediasoup worker, WebRtcTransports on 127.0.0.1). Per round a child process runs N participants that start at the same moment: socket.io-client + mediasoup-client (Chrome111 handler) over @roamhq/wrtc's RTCPeerConnection, following the protocol as the browser does (join → createTransport send + recv → produce camera and microphone; consume every remote producer from the join ack and \`producerAdded\` → resumeConsumer). Each sends a synthetic ${o.width} × ${o.height} camera at ${o.framesPerSecond} frames/s (VP8) and a 48 kHz tone (Opus); in the audio-only rows only the tone (no video encoders or decoders in the load generator, so the server's part of a join shows), and a join ends with the first remote audio packets received. ` +
      `Join latency = socket connect start → the first remote video frame decoded (wrtc RTCVideoSink); a participant with none after ${num(o.timeoutMs / 1000)} s has failed. "All cameras" = until a frame from every camera it consumes. Baseline: ${r.baseline}. CPU is over the rounds' wall time: the peers process (wrtc encoders, decoders, SRTP, ICE, and the JS), the platform's Node process and its mediasoup worker, as fractions of one core. ` +
      `Server-side join = read from the server: join request → the first RTP packet mediasoup forwards on each consumer the participant resumed while joining (a one-off 'rtp' trace event per consumer, the ca_join_media_seconds histogram of /metrics read before and after the step; quantiles interpolated inside buckets as Prometheus does). ` +
      (r.pinning
        ? `So that the load generator cannot starve the server, the platform and its worker were pinned to CPU ${r.pinning.server} and the peers process to CPU ${r.pinning.peers} (taskset); the server-side figure still includes the peers' own ICE, DTLS and produce time, as a real join does.`
        : 'Not pinned (one CPU, or taskset missing): the load generator shares the server CPU.'),
    '',
    table(
      [
        'N',
        'remote peers consumed',
        'joins',
        'failed',
        'first frame p50 / p95 / p99 / max',
        'all cameras p50 / p95',
        'p50: socket connected / joined / send transport connected / produced / recv transport connected',
        'server-side join p50 / p95 (consumers)',
        'CPU peers / platform / worker',
      ],
      rows,
    ),
    ...(failures.length ? ['', 'Failures (with the milestones each had reached):', '', ...failures] : []),
  ].join('\n');
}

function bundleSection(r: BundleResult): string {
  const rows = r.files.map((f) => [`\`${f.file}\``, f.kind, kib(f.rawBytes), kib(f.gzipBytes), kib(f.brotliBytes)]);
  rows.push(['**initial JS**', 'entry + modulepreload', kib(r.initialJs.rawBytes), kib(r.initialJs.gzipBytes), kib(r.initialJs.brotliBytes)]);
  return [
    '## 5. Client bundle',
    '',
    `How: \`${r.dist}/index.html\` parsed for its \`<script type="module" src>\`, \`<link rel="modulepreload">\` and stylesheets; each file compressed on its own with zlib gzip level 6 and Brotli quality 11.${r.builtNow ? ' The client was built for this run.' : ' Measured on the existing build.'}`,
    '',
    table(['file', 'kind', 'raw', 'gzip', 'brotli'], rows),
    '',
    "Per page: the entry's static imports plus the route's lazy chunk and its static imports, i.e. the JS that must arrive before the page renders (chunks it imports later with `import()` are not counted).",
    '',
    table(
      ['page', 'route chunk', 'files', 'raw', 'gzip', 'brotli'],
      r.routes.map((x) => [x.route, `\`${x.chunk}\``, num(x.files.length), kib(x.js.rawBytes), kib(x.js.gzipBytes), kib(x.js.brotliBytes)]),
    ),
    ...(r.pageLoad
      ? [
          '',
          `Cold loads in ${r.pageLoad.browser} (a fresh context each, empty cache; ${num(r.pageLoad.options.loads)} per page) against the platform in its own process on loopback, serving the built client as \`npm start\` does. Times from navigation start; the name field is timed when Playwright sees it visible (polling, so a little late).`,
          '',
          table(
            ['page', 'figure', 'p50 / p95 / max', 'FCP p50', 'script bytes on the wire'],
            r.pageLoad.loads.map((l) => [
              `\`${l.path}\` (${l.page})`,
              l.figure,
              `${ms(l.ms.p50)} / ${ms(l.ms.p95)} / ${ms(l.ms.max)}`,
              ms(l.fcpMs.p50),
              kib(l.scriptTransferBytes),
            ]),
          ),
        ]
      : []),
  ].join('\n');
}

// ---------- whole report ----------

function failed(name: string, o: Outcome<unknown> | undefined): string | undefined {
  if (!o) return undefined;
  return o.ok ? undefined : `**${name} failed** after ${o.seconds.toFixed(0)} s: \`${o.error.split('\n')[0]}\``;
}

/** A section that failed keeps its heading, with the error in place of its table. */
function failedSection(heading: string, name: string, o: Outcome<unknown> | undefined): string | undefined {
  const line = failed(name, o);
  return line && `${heading}\n\n${line}`;
}

export function renderMarkdown(r: BenchResult): string {
  const summary: string[][] = [];
  if (r.signaling?.ok) summary.push(...signalingSummary(r.signaling.result));
  if (r.booking?.ok) summary.push(...bookingSummary(r.booking.result));
  if (r.bookingPostgres?.ok) summary.push(...bookingSummary(r.bookingPostgres.result, r.booking?.ok ? r.booking.result : undefined));
  if (r.media?.ok) summary.push(...mediaSummary(r.media.result));
  if (r.relay?.ok) summary.push(...relaySummary(r.relay.result));
  if (r.join?.ok) summary.push(...joinSummary(r.join.result));
  if (r.bundle?.ok) summary.push(...bundleSummary(r.bundle.result));
  const failures = [
    failed('Signaling', r.signaling),
    failed('Booking (SQLite)', r.booking),
    failed('Booking on PostgreSQL', r.bookingPostgres),
    failed('Media', r.media),
    failed('Media relay', r.relay),
    failed('Join', r.join),
    failed('Stage engines', r.stageEngines),
    failed('Bundle', r.bundle),
  ].filter(Boolean);
  const sections = [
    r.signaling?.ok ? signalingSection(r.signaling.result) : undefined,
    r.booking?.ok ? bookingSection(r.booking.result) : undefined,
    r.bookingPostgres?.ok
      ? bookingSection(r.bookingPostgres.result)
      : failedSection('## 2b. Booking API on PostgreSQL', 'Booking on PostgreSQL', r.bookingPostgres),
    r.media?.ok ? mediaSection(r.media.result) : undefined,
    r.relay?.ok ? relaySection(r.relay.result) : undefined,
    r.signaling?.ok ? memorySection(r.signaling.result) : undefined,
    r.bundle?.ok ? bundleSection(r.bundle.result) : undefined,
    r.join?.ok ? joinSection(r.join.result) : undefined,
    r.stageEngines?.ok ? stageEnginesSection(r.stageEngines.result) : undefined,
  ].filter(Boolean);
  return [
    `# Cloud Appointment benchmarks: ${r.mode}, ${r.startedAt}`,
    '',
    `Machine: ${machineLine(r.machine)}.`,
    '',
    `- ${cpuLine('CPU at start', r.cpuAtStart)}`,
    `- ${cpuLine('CPU at end', r.cpuAtEnd)}`,
    `- Command: \`${r.command}\`; took ${r.seconds.toFixed(0)} s. Every target listens on 127.0.0.1 only.` +
      (r.platformStartSeconds === undefined
        ? ''
        : ` The platform process (signaling, then booking) was ready ${r.platformStartSeconds.toFixed(1)} s after fork.`),
    '',
    '## Summary',
    '',
    'Baseline = measured in the same run: bare Socket.io (signaling, memory), GET /api/health of the same app (booking; for PostgreSQL, SQLite in the same run), bare mediasoup (media), viewers on the stage node itself (relay), N = 2 (join).',
    '',
    table(['benchmark', 'figure', 'ours', 'baseline', 'ours/baseline', 'published target'], summary),
    ...(failures.length ? ['', ...failures] : []),
    '',
    ...sections.flatMap((s) => [s as string, '']),
  ].join('\n');
}
