import { NA, cores, ms, table, times } from '../lib/format.js';
import type { StageEnginesResult } from './run.js';

/** Section 7: one publisher to K viewers on mediasoup and on LiveKit, same run. */
export function stageEnginesSection(r: StageEnginesResult): string {
  const rows = r.steps.map((s) => [
    s.engine,
    String(s.viewers),
    s.video,
    `${ms(s.join.p50)} / ${ms(s.join.p95)}`,
    s.serverCpu === null ? NA : cores(s.serverCpu),
    s.cpuPerViewerMsPerS === null ? NA : `${s.cpuPerViewerMsPerS.toFixed(1)} ms/s`,
    s.packetsPerS === null ? NA : s.packetsPerS.toFixed(0),
    s.cpuPerPacketUs === null ? NA : `${s.cpuPerPacketUs.toFixed(1)} µs`,
    s.loss === null ? NA : `${(s.loss * 100).toFixed(2)} %`,
    s.rssMb === null ? NA : `${s.rssMb.toFixed(0)} MiB`,
    `${s.failed}${s.errors.length ? ` (${s.errors.join('; ')})` : ''}`,
  ]);
  const ratios = [...new Set(r.steps.map((s) => `${s.viewers} ${s.video}`))].flatMap((key) => {
    const m = r.steps.find((s) => `${s.viewers} ${s.video}` === key && s.engine === 'mediasoup');
    const l = r.steps.find((s) => `${s.viewers} ${s.video}` === key && s.engine === 'livekit');
    if (!m || !l) return [];
    return [
      `- K = ${m.viewers}, ${m.video}: LiveKit/mediasoup join p50 ${times(l.join.p50 / m.join.p50)}, server CPU ${times((l.serverCpu ?? NaN) / (m.serverCpu ?? NaN))}, ` +
        `CPU per packet ${times((l.cpuPerPacketUs ?? NaN) / (m.cpuPerPacketUs ?? NaN))}, RSS ${times((l.rssMb ?? NaN) / (m.rssMb ?? NaN))}`,
    ];
  });
  return [
    '## 7. Stage engines: mediasoup vs LiveKit',
    '',
    `How: one publisher and K viewers per engine, in a child process each; the platform (one mediasoup worker, DEMO_MODE instant room) and a livekit-server node from infra/livekit/ensure.sh, same run. Join = viewer connect start → first decoded video frame (deadline ${r.options.timeoutMs} ms). Server CPU = /proc/<pid>/stat over a window of steady forwarding after every viewer joined (mediasoup: Node process + worker, ${r.options.holdMs / 1000} s; LiveKit: livekit-server, from one update of its packet counters to the first update ${r.options.holdMs / 1000} s or more later, as its telemetry adds packets in batches). Packets and loss: mediasoup counted by the viewers (wrtc inbound-rtp packetsReceived + packetsLost of video), LiveKit by livekit-server (Prometheus livekit_packet_total and livekit_packet_loss_total, direction outgoing: video sent to subscribers incl. padding and retransmissions, loss from the viewers' receiver reports). RSS after the joins. Client stacks: ${r.clientStacks}.`,
    '',
    table(
      ['engine', 'K', 'video', 'join p50 / p95', 'server CPU', 'CPU per viewer', 'packets/s', 'CPU per packet', 'loss', 'server RSS', 'failed'],
      rows,
    ),
    '',
    ...ratios,
  ].join('\n');
}
