import { NA, cores, ms, table, times } from '../lib/format.js';
import type { StageEnginesResult } from './run.js';

/** Section 7: one publisher to K viewers on mediasoup and on LiveKit, same run. */
export function stageEnginesSection(r: StageEnginesResult): string {
  const rows = r.steps.map((s) => [
    s.engine,
    String(s.viewers),
    `${ms(s.join.p50)} / ${ms(s.join.p95)}`,
    s.serverCpu === null ? NA : cores(s.serverCpu),
    s.cpuPerViewerMsPerS === null ? NA : `${s.cpuPerViewerMsPerS.toFixed(1)} ms/s`,
    s.rssMb === null ? NA : `${s.rssMb.toFixed(0)} MiB`,
    `${s.failed}${s.errors.length ? ` (${s.errors.join('; ')})` : ''}`,
  ]);
  const ratios = [...new Set(r.steps.map((s) => s.viewers))].flatMap((k) => {
    const m = r.steps.find((s) => s.viewers === k && s.engine === 'mediasoup');
    const l = r.steps.find((s) => s.viewers === k && s.engine === 'livekit');
    if (!m || !l) return [];
    return [
      `- K = ${k}: LiveKit/mediasoup join p50 ${times(l.join.p50 / m.join.p50)}, server CPU ${times((l.serverCpu ?? NaN) / (m.serverCpu ?? NaN))}, RSS ${times((l.rssMb ?? NaN) / (m.rssMb ?? NaN))}`,
    ];
  });
  return [
    '## 7. Stage engines: mediasoup vs LiveKit',
    '',
    `How: one publisher and K viewers per engine, in a child process each; the platform (one mediasoup worker, DEMO_MODE instant room) and a livekit-server node from infra/livekit/ensure.sh, same run. Join = viewer connect start → first decoded video frame (deadline ${r.options.timeoutMs} ms). Server CPU = /proc/<pid>/stat over ${r.options.holdMs / 1000} s of steady forwarding after every viewer joined (mediasoup: Node process + worker; LiveKit: livekit-server). RSS after the joins. Client stacks: ${r.clientStacks}. Not measured: packet counts and loss (rtc-node exposes no RTP stats), so CPU is per viewer-second, not per packet.`,
    '',
    table(['engine', 'K', 'join p50 / p95', 'server CPU', 'CPU per viewer', 'server RSS', 'failed'], rows),
    '',
    ...ratios,
  ].join('\n');
}
