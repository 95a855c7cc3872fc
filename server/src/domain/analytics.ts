import { median, type QualitySummary } from './attendance.js';
import type { AppointmentStatus } from './appointments.js';
import { localParts, type Instant, type ZoneName } from './time.js';
import { addDays, type LocalDate } from './wall-clock.js';

/** Meetings and visits counted together: one booth, hall or day. */
export type ActivityCounts = { visits: number; walkIns: number; requested: number; accepted: number; held: number; noShows: number };

export const emptyCounts = (): ActivityCounts => ({ visits: 0, walkIns: 0, requested: 0, accepted: 0, held: 0, noShows: 0 });

/** What one appointment adds to the counts of the day it starts on. */
export function appointmentCounts(status: AppointmentStatus): Partial<ActivityCounts> {
  return {
    requested: 1,
    accepted: status === 'confirmed' || status === 'completed' || status === 'no_show' ? 1 : 0,
    held: status === 'completed' ? 1 : 0,
    noShows: status === 'no_show' ? 1 : 0,
  };
}

/** Counts per key (a day, a booth, a hall), created on first use. */
export class Tally<K> {
  readonly #counts = new Map<K, ActivityCounts>();

  add(key: K, delta: Partial<ActivityCounts>): void {
    const counts = this.get(key);
    for (const [name, n] of Object.entries(delta) as [keyof ActivityCounts, number][]) counts[name] += n;
    this.#counts.set(key, counts);
  }

  /** The counts of `key` (zeros when nothing was added). */
  get(key: K): ActivityCounts {
    return this.#counts.get(key) ?? emptyCounts();
  }

  /** Everything added, over all keys. */
  total(): ActivityCounts {
    const sum = emptyCounts();
    for (const counts of this.#counts.values()) for (const name of Object.keys(sum) as (keyof ActivityCounts)[]) sum[name] += counts[name];
    return sum;
  }
}

/**
 * The local days [from, to] of one zone: which day and hour an instant falls on there. Instants
 * outside the range have no day. DST days are just shorter or longer days; their hours repeat or
 * skip as the wall clock does (a meeting at the repeated 01:30 counts under hour 1).
 */
export class LocalCalendar {
  constructor(
    readonly zone: ZoneName,
    readonly from: LocalDate,
    readonly to: LocalDate,
  ) {}

  /** Every day of the range, in order. */
  days(): LocalDate[] {
    const days: LocalDate[] = [];
    for (let d = this.from; d <= this.to; d = addDays(d, 1)) days.push(d);
    return days;
  }

  /** The local day and hour of an instant, or undefined outside the range. */
  place(instant: Instant): { date: LocalDate; hour: number } | undefined {
    const parts = localParts(instant, this.zone);
    if (parts.date < this.from || parts.date > this.to) return undefined;
    return { date: parts.date, hour: Number(parts.time.slice(0, 2)) };
  }
}

export type QualityClass = 'good' | 'fair' | 'poor';

/**
 * One person's meeting by its medians: good below 150 ms RTT and 2 % loss, fair below 300 ms and
 * 5 %, else poor (the thresholds of ITU-T G.114's one-way 150 ms and the loss where Opus and VP8
 * start to show it). A summary with neither value is not classed.
 */
export function classifyQuality(q: QualitySummary): QualityClass | undefined {
  if (q.rttMs === null && q.lossPct === null) return undefined;
  const rtt = q.rttMs ?? 0;
  const loss = q.lossPct ?? 0;
  if (rtt < 150 && loss < 2) return 'good';
  if (rtt < 300 && loss < 5) return 'fair';
  return 'poor';
}

export type QualityBreakdown = {
  reports: number;
  rttMs: number | null;
  lossPct: number | null;
  bitrateKbps: number | null;
  good: number;
  fair: number;
  poor: number;
};

/** Medians over people-in-meetings (each counted once, by their own median) and how many were good, fair, poor. */
export function qualityBreakdown(summaries: readonly QualitySummary[]): QualityBreakdown {
  const withReports = summaries.filter((s) => s.samples > 0);
  const of = (pick: (s: QualitySummary) => number | null) => {
    const m = median(withReports.map(pick).filter((v): v is number => v !== null));
    return m === null ? null : Math.round(m * 10) / 10;
  };
  const classes = withReports.map(classifyQuality);
  const count = (c: QualityClass) => classes.filter((x) => x === c).length;
  return {
    reports: withReports.length,
    rttMs: of((s) => s.rttMs),
    lossPct: of((s) => s.lossPct),
    bitrateKbps: of((s) => s.bitrateKbps),
    good: count('good'),
    fair: count('fair'),
    poor: count('poor'),
  };
}

/** Quarter-hour start of an instant: the bucket booth visits are counted in. */
export function visitBucket(instant: Instant): Instant {
  return instant - (((instant % 900_000) + 900_000) % 900_000);
}
