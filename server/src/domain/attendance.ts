import type { Instant } from './time.js';

/** A participant's side of a meeting, as attendance and outcomes see it. */
export type AttendanceSide = 'guest' | 'staff';
export type MissingParty = AttendanceSide | 'both';

/**
 * What a media server tells attendance: a person came into a room or went (their last
 * connection to it ended). Rooms of LiveKit (webhooks) or of our mediasoup SFU feed the same port.
 */
export type AttendancePort = {
  joined(event: { roomId: string; userId: string; role: string; at: Instant }): void;
  left(event: { roomId: string; userId: string; at: Instant }): void;
  /** One connection-quality report from the person's browser (every few seconds while joined). */
  quality(event: { roomId: string; userId: string; sample: QualitySample }): void;
};

/** One report: round trip (ms), loss (%), bitrate sent + received (kbit/s); any may be missing. */
export type QualitySample = { rttMs?: number | undefined; lossPct?: number | undefined; bitrateKbps?: number | undefined };

/** Medians of a meeting's reports (null where no report had the value). */
export type QualitySummary = { samples: number; rttMs: number | null; lossPct: number | null; bitrateKbps: number | null };

/** The median (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

export function summarizeQuality(samples: readonly QualitySample[]): QualitySummary {
  const of = (pick: (s: QualitySample) => number | undefined) => round1(median(samples.map(pick).filter((v): v is number => v !== undefined)));
  return { samples: samples.length, rttMs: of((s) => s.rttMs), lossPct: of((s) => s.lossPct), bitrateKbps: of((s) => s.bitrateKbps) };
}

/** Default minutes after the start by which both sides must have joined. */
export const NO_SHOW_AFTER_MINUTES = 10;

export type OutcomeInput = {
  start: Instant;
  end: Instant;
  now: Instant;
  /** How long after the start a side may still arrive before it counts as missing. */
  noShowAfterMs: number;
  /** When each side first joined the meeting (undefined: not at all). */
  guestJoinedAt: Instant | undefined;
  staffJoinedAt: Instant | undefined;
};

export type DecidedOutcome = { status: 'completed'; missing: null } | { status: 'no_show'; missing: MissingParty };

/**
 * The outcome attendance gives a confirmed appointment, or undefined while it is too early to tell.
 * A side that has not joined `noShowAfterMs` after the start is missing: `no_show` at that moment
 * (the scan that sees it first decides; joining later does not undo it, staff can correct it). Both there: `completed` once the
 * appointment's time is over (not before, so a dropped participant can still rejoin).
 */
export function decideOutcome(input: OutcomeInput): DecidedOutcome | undefined {
  if (input.now < input.start + input.noShowAfterMs) return undefined;
  const guest = input.guestJoinedAt !== undefined;
  const staff = input.staffJoinedAt !== undefined;
  if (!guest && !staff) return { status: 'no_show', missing: 'both' };
  if (!guest) return { status: 'no_show', missing: 'guest' };
  if (!staff) return { status: 'no_show', missing: 'staff' };
  return input.now >= input.end ? { status: 'completed', missing: null } : undefined;
}
