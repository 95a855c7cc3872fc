/** How well media gets through: shown on each tile; 'poor' for your own connection turns on audio-first. */
export type ConnectionQuality = 'good' | 'fair' | 'poor';

/** Packet loss (0-1) and round-trip time (ms) measured over the last interval; undefined = not measured. */
export type LinkSample = { loss?: number | undefined; rttMs?: number | undefined };

/** Thresholds: loss under 3 % and RTT under 400 ms is good; over 10 % or 800 ms is poor. */
export function classify({ loss, rttMs }: LinkSample): ConnectionQuality | null {
  if (loss === undefined && rttMs === undefined) return null;
  const l = loss ?? 0;
  const r = rttMs ?? 0;
  if (l >= 0.1 || r >= 800) return 'poor';
  if (l >= 0.03 || r >= 400) return 'fair';
  return 'good';
}

/** The worse of two qualities (unknown loses to anything known). */
export function worse(a: ConnectionQuality | null, b: ConnectionQuality | null): ConnectionQuality | null {
  const rank = { good: 0, fair: 1, poor: 2 } as const;
  if (!a) return b;
  if (!b) return a;
  return rank[a] >= rank[b] ? a : b;
}

type Counters = { received: number; lost: number };

/**
 * Turns successive RTCStatsReports into per-interval samples: loss of every inbound
 * RTP stream (keyed by SSRC) from counter deltas, the loss the far end reports for
 * what we send (remote-inbound-rtp), and the selected candidate pair's RTT.
 */
export class StatsSampler {
  readonly #inbound = new Map<number, Counters>();

  /** Loss per inbound SSRC over the interval since the last call, and the transport's RTT. */
  inbound(report: RTCStatsReport): { bySsrc: Map<number, number>; rttMs: number | undefined } {
    const bySsrc = new Map<number, number>();
    let rttMs: number | undefined;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'inbound-rtp' && typeof stat.ssrc === 'number') {
        const now = { received: num(stat.packetsReceived), lost: num(stat.packetsLost) };
        const before = this.#inbound.get(stat.ssrc);
        this.#inbound.set(stat.ssrc, now);
        if (!before) return;
        const received = now.received - before.received;
        const lost = Math.max(0, now.lost - before.lost);
        if (received + lost > 0) bySsrc.set(stat.ssrc, lost / (received + lost));
      } else if (stat.type === 'candidate-pair' && stat.nominated === true && typeof stat.currentRoundTripTime === 'number') {
        rttMs = stat.currentRoundTripTime * 1000;
      }
    });
    return { bySsrc, rttMs };
  }

  /** Bytes sent plus received on the selected candidate pair (a running total; the caller takes deltas). */
  static bytes(report: RTCStatsReport): number | undefined {
    let total: number | undefined;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'candidate-pair' && stat.nominated === true) total = (total ?? 0) + num(stat.bytesSent) + num(stat.bytesReceived);
    });
    return total;
  }

  /** What the server reports about the media we send: the worst fraction lost, and the RTT. */
  outbound(report: RTCStatsReport): LinkSample {
    let loss: number | undefined;
    let rttMs: number | undefined;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'remote-inbound-rtp') {
        if (typeof stat.fractionLost === 'number') loss = Math.max(loss ?? 0, stat.fractionLost);
        if (typeof stat.roundTripTime === 'number') rttMs = Math.max(rttMs ?? 0, stat.roundTripTime * 1000);
      } else if (stat.type === 'candidate-pair' && stat.nominated === true && typeof stat.currentRoundTripTime === 'number') {
        rttMs = Math.max(rttMs ?? 0, stat.currentRoundTripTime * 1000);
      }
    });
    return { loss, rttMs };
  }
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
