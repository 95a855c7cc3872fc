import { kib, NA, num, pct, table, times } from '../lib/format.js';
import { ratio } from '../lib/stats.js';
import type { FanOutStep } from './fanout.js';
import type { RelayResult } from './relay.js';

type Step = RelayResult['steps'][number];

/** A worker's CPU over a step's windows, fraction of one core. */
const cpuOf = (s: FanOutStep, node: 'stage' | 'overflow') => s.watchedCpu[node] ?? Number.NaN;
const micros = (v: number) => `${num(v, 1)} µs`;
/** The overflow end's NACKs, retransmissions received and gaps repaired, when the setup has a pipe. */
const pipeCounters = (s: FanOutStep) => {
  const c = s.linkCounters;
  return c.nacked === undefined ? NA : `${num(c.nacked)} / ${num(c.retransmitted ?? Number.NaN)} / ${num(c.repaired ?? Number.NaN)}`;
};
const within = (r: RelayResult) => (s: Step) => s.direct.loss <= r.options.maxLoss && s.relayed.loss <= r.options.maxLoss;

/** Summary rows: the stage worker's CPU relayed / direct per K, and the cost per packet behind the pipe at the largest K (loss within the limit). */
export function relaySummary(r: RelayResult): string[][] {
  const clean = r.steps.filter(within(r));
  const largest = clean.at(-1);
  if (!largest) return [['Relay to an overflow node', `no K with loss ≤ ${pct(r.options.maxLoss)}`, NA, NA, NA, NA]];
  const rows = clean.map((s) => [
    `Relay: 1 producer → ${s.direct.consumers} viewers`,
    "stage node's worker CPU: viewers on an overflow node (ours) / on the stage's node (baseline)",
    pct(cpuOf(s.relayed, 'stage')),
    pct(cpuOf(s.direct, 'stage')),
    times(ratio(cpuOf(s.relayed, 'stage'), cpuOf(s.direct, 'stage'))),
    NA,
  ]);
  rows.push([
    `Relay: 1 producer → ${largest.direct.consumers} viewers`,
    'worker CPU per forwarded packet: overflow node behind the pipe (ours) / stage node direct (baseline)',
    micros(largest.relayed.workerMicrosPerPacket),
    micros(largest.direct.workerMicrosPerPacket),
    times(ratio(largest.relayed.workerMicrosPerPacket, largest.direct.workerMicrosPerPacket)),
    NA,
  ]);
  return rows;
}

export function relaySection(r: RelayResult): string {
  const o = r.options;
  const compared = r.steps.map((s) => [
    num(s.direct.consumers),
    pct(cpuOf(s.direct, 'stage')),
    pct(cpuOf(s.relayed, 'stage')),
    times(ratio(cpuOf(s.relayed, 'stage'), cpuOf(s.direct, 'stage'))),
    pct(cpuOf(s.relayed, 'overflow')),
    micros(s.direct.workerMicrosPerPacket),
    micros(s.relayed.workerMicrosPerPacket),
    `${pct(s.direct.loss, 2)} / ${pct(s.relayed.loss, 2)}`,
  ]);
  const detail = r.steps.flatMap((step) =>
    (['direct', 'relayed'] as const).map((setup) => {
      const s = step[setup];
      return [
        num(s.consumers),
        setup,
        num(s.sentPackets),
        `${num(s.receivedPackets)} / ${num(s.expectedPackets)}`,
        pct(s.loss, 2),
        pct(cpuOf(s, 'stage')),
        pct(cpuOf(s, 'overflow')),
        micros(s.workerMicrosPerPacket),
        pct(s.harnessCpu, 0),
        s.kernelRcvbufDrops === null ? NA : num(s.kernelRcvbufDrops),
        `${num(s.perSinkMin)}–${num(s.perSinkMax)}`,
        `${num(s.drainMs)} ms`,
        pipeCounters(s),
      ];
    }),
  );
  const retried = r.retried.length
    ? `\n\nRepeated once after loss over the limit: ${r.retried.map((x) => `${x.stack} K=${x.first.consumers} (first try ${pct(x.first.loss, 2)})`).join(', ')}.`
    : '';
  const buffer = r.pipeReceiveBufferBytes === null ? '' : ` (the kernel's cap, rmem_max, is ${kib(r.pipeReceiveBufferBytes)} here)`;
  return [
    '## 3b. Media relay to an overflow node',
    '',
    `How: two "nodes" on this one machine, joined only by UDP on 127.0.0.1; each is ${r.node}. Worker pids: stage ${r.workerPids.stage}, overflow ${r.workerPids.overflow}. ` +
      `The synthetic VP8 stream of section 3 (${num(o.packetBytes)}-byte packets, ${num(o.packetsPerSecond)} packets/s) goes into a producer on the stage's router; K viewers are PlainTransport consumers with UDP sinks. ` +
      "**direct**: the K consumers are on the stage's router. **relayed**: the producer goes down one NodePipe pair (the server's class: a PipeTransport on each router, SRTP, RTX) to the overflow node's router, where the K consumers are. " +
      `Both setups exist throughout, each with its own producer and sender; per K: ${o.repeats} × (${o.warmupSeconds} s warm-up, ${o.windowSeconds} s window)${o.repeats > 1 ? ', in ABBA order, pooled' : ''}, and while one streams the other idles. ` +
      `Both workers' CPU = Δ(ru_utime + ru_stime) from worker.getResourceUsage() over each window, fraction of one core; CPU per forwarded packet is the CPU of the worker with the consumers (the stage's when direct, the overflow node's when relayed) / packets received at the sinks. Ramp stops when loss > ${pct(o.maxLoss)} or that worker's CPU > ${pct(o.maxWorkerCpu, 0)} of a core: ${r.stoppedBecause}.`,
    '',
    table(
      [
        'K',
        'stage CPU, direct',
        'stage CPU, relayed',
        'relayed / direct',
        'overflow CPU, relayed',
        'CPU / forwarded packet, direct (stage)',
        'CPU / forwarded packet, relayed (overflow)',
        'loss direct / relayed',
      ],
      compared,
    ),
    '',
    table(
      [
        'K',
        'setup',
        'sent (pooled)',
        'received / expected',
        'loss',
        'stage worker CPU',
        'overflow worker CPU',
        "CPU / forwarded packet (consumers' worker)",
        'harness CPU',
        'kernel rcvbuf drops',
        'per-sink min–max',
        'late arrivals until',
        'pipe: NACKed / retransmitted / repaired',
      ],
      detail,
    ) + retried,
    '',
    `Loss with equal per-sink counts was lost before the fan-out. Relayed, the pipe is the usual place: NodePipe asks for 4 MiB socket buffers${buffer}, like the plain transports here; an overflow worker descheduled for longer than that buffer holds drops the pipe's input. The overflow end then NACKs, the stage end retransmits (RTX), and "repaired" counts the gaps that filled; a packet repaired after the window's drain, or never, counts as lost.`,
    '',
    "The overflow worker's CPU in the direct rows is what K idle consumers and an idle pipe end cost it; the stage worker carries the same idle direct setup during the relayed windows, so about that much of its relayed figure is the benchmark's floor, not the relay. " +
      "Both nodes, the sender and the sinks share one 2-core machine: this shows what the stage's node spends, not what two real nodes would carry end to end.",
  ].join('\n');
}
