import {
  DAY,
  HOUR,
  MINUTE,
  assertZone,
  daysFromCivil,
  dstChangeBetween,
  formatCivilDate,
  offsetAt,
  weekdayOfDay,
  type Instant,
  type Weekday,
  type ZoneName,
} from './time.js';
import { zoneOffset } from './zone-offsets.js';

/**
 * Wall-clock values (a local date, a local time of day) and the one policy that turns
 * them into instants. Calendar arithmetic here is zone-free: a LocalDate is a label,
 * not a moment, so it is computed in UTC and never on the server's clock.
 */

/** A local calendar date, "yyyy-MM-dd". */
export type LocalDate = string;
/** A local wall time, "HH:mm" (24-hour); "24:00" is allowed only as the end of a range. */
export type WallTime = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/**
 * The day number (days since 1970-01-01) of a real calendar date, or undefined. Plain
 * arithmetic (see `daysFromCivil`): the calendar needs no zone, no Date and no library.
 */
function calendarDay(date: LocalDate): number | undefined {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (!match) return undefined;
  const days = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
  // "2026-02-30" comes back as another date: not a real one.
  return formatCivilDate(days) === date ? days : undefined;
}

/** True for a real calendar date written "yyyy-MM-dd" (so "2026-02-30" is false). */
export function isLocalDate(date: string): boolean {
  return calendarDay(date) !== undefined;
}

/**
 * Minutes since local midnight for "HH:mm", or undefined when malformed.
 * "24:00" (1440) is accepted only with `allowEndOfDay`.
 */
export function parseWallTime(time: WallTime, allowEndOfDay = false): number | undefined {
  const match = typeof time === 'string' ? TIME_PATTERN.exec(time) : null;
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (allowEndOfDay && hours === 24 && minutes === 0) return 24 * 60;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

function requireDay(date: LocalDate): number {
  const days = calendarDay(date);
  if (days === undefined) throw new RangeError(`not a local date: ${date}`);
  return days;
}

/** The local date `days` after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return formatCivilDate(requireDay(date) + days);
}

/** ISO weekday of a local date (1 = Monday … 7 = Sunday). */
export function weekdayOf(date: LocalDate): Weekday {
  return weekdayOfDay(requireDay(date));
}

/** The ECMAScript time range: ±10⁸ days around 1970. */
const MAX_INSTANT = 8.64e15;

/** The local date in `zone` at an instant. */
export function localDateOf(instant: Instant, zone: ZoneName): LocalDate {
  const name = assertZone(zone);
  if (!Number.isFinite(instant) || Math.abs(instant) > MAX_INSTANT) throw new RangeError('instant out of range');
  return formatCivilDate(Math.floor((instant + zoneOffset(instant, name) * MINUTE) / DAY));
}

/** Offsets lie within −12h…+14h, so the real instant of a wall time is within this reach of it. */
const REACH_BEFORE = 15 * HOUR;
const REACH_AFTER = 13 * HOUR;

/**
 * The instant at which the wall clock in `zone` shows `minutesOfDay` on `date`
 * (1440 means the next day's 00:00). Deliberate choices for DST:
 *
 * - Nonexistent time (inside a spring-forward gap, e.g. 02:30 in Berlin on 2026-03-29):
 *   resolves to the transition instant, the first moment after the gap (03:00 CEST).
 *   A range that covers the gap therefore just loses the skipped hour, and a range that
 *   starts or ends inside the gap is cut at the gap (luxon would instead shift the time
 *   forward by the gap's length, which would silently cut more).
 * - Ambiguous time (inside a fall-back overlap, e.g. 02:30 in Berlin on 2026-10-25, which
 *   happens at 00:30Z and again at 01:30Z): resolves to the first occurrence (the earlier
 *   instant), as RFC 5545, java.time and Temporal ("compatible") do. The same wall time
 *   always maps to the same instant, so adjacent ranges stay adjacent, and the mapping never
 *   goes backwards in time. A range that spans the repeated hour covers it twice in real time
 *   (00:00–04:00 that night is 5 real hours): the staff member is there for both passes.
 */
export function resolveWallTime(date: LocalDate, minutesOfDay: number, zone: ZoneName): Instant {
  const name = assertZone(zone);
  const wallAsUtc = requireDay(date) * DAY + minutesOfDay * MINUTE;
  const offsets = new Set([offsetAt(wallAsUtc - REACH_BEFORE, name), offsetAt(wallAsUtc + REACH_AFTER, name)]);
  // A candidate is right when the zone really has the offset it was computed with.
  const matches = [...offsets]
    .filter((offset) => offsetAt(wallAsUtc - offset * MINUTE, name) === offset)
    .map((offset) => wallAsUtc - offset * MINUTE);
  if (matches.length > 0) return Math.min(...matches);
  const [gap] = dstChangeBetween(wallAsUtc - REACH_BEFORE, wallAsUtc + REACH_AFTER, name);
  if (!gap) throw new RangeError(`cannot resolve ${date} ${minutesOfDay}min in ${zone}`);
  return gap.at;
}
