import { clip, mergeIntervals, type Interval, type TimeWindow } from './interval.js';
import { assertInstant, assertZone, isValidZone, type Weekday, type ZoneName } from './time.js';
import { invalid, isIntegerBetween, throwIfIssues, type Issue } from './validation.js';
import { addDays, isLocalDate, localDateOf, parseWallTime, resolveWallTime, weekdayOf, type LocalDate, type WallTime } from './wall-clock.js';

/** A span of local wall time within one day. `end` may be "24:00". */
export interface LocalRange {
  start: WallTime;
  end: WallTime;
}

/** A recurring weekly range in the staff member's own zone. Several per weekday are allowed. */
export interface WeeklyRule extends LocalRange {
  weekday: Weekday;
}

/**
 * A local date that does not follow the weekly rules: with no ranges the staff member is
 * unavailable all day; otherwise the ranges replace that day's weekly rules.
 */
export interface DateException {
  date: LocalDate;
  ranges: readonly LocalRange[];
}

/** When one staff member takes meetings. All wall times are in `zone`. */
export interface Availability {
  staffId: string;
  zone: ZoneName;
  weekly: readonly WeeklyRule[];
  /** Default: none. */
  exceptions?: readonly DateException[];
  /** Free minutes kept before and after every meeting, 0–120. Default 0. */
  bufferMinutes?: number;
  /** Meeting lengths offered, in minutes, each 5–240, e.g. [15, 30]. */
  meetingLengths: readonly number[];
}

export const AVAILABILITY_LIMITS = {
  meetingMinutes: { min: 5, max: 240 },
  bufferMinutes: { min: 0, max: 120 },
} as const;

/** A range parsed to minutes since local midnight. */
interface MinuteRange {
  start: number;
  end: number;
}

interface ParsedAvailability {
  zone: ZoneName;
  byWeekday: ReadonlyMap<Weekday, MinuteRange[]>;
  byDate: ReadonlyMap<LocalDate, MinuteRange[]>;
}

function parseRange(range: LocalRange, path: string, issues: Issue[]): MinuteRange | undefined {
  const start = parseWallTime(range.start);
  const end = parseWallTime(range.end, true);
  if (start === undefined) issues.push({ path: `${path}.start`, message: 'must be a time HH:mm', code: 'time' });
  if (end === undefined) issues.push({ path: `${path}.end`, message: 'must be a time HH:mm (or 24:00)', code: 'time' });
  if (start === undefined || end === undefined) return undefined;
  if (end <= start) {
    issues.push({ path: `${path}.end`, message: 'must be after start', code: 'order' });
    return undefined;
  }
  return { start, end };
}

/** Adds an issue for every range that overlaps an earlier one in the same day (touching is fine). */
function checkOverlaps(ranges: readonly { range: MinuteRange; path: string }[], issues: Issue[]): void {
  const sorted = [...ranges].sort((a, b) => a.range.start - b.range.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous && current && current.range.start < previous.range.end) {
      issues.push({ path: current.path, message: `overlaps ${previous.path}`, code: 'overlap' });
    }
  }
}

function sortedRanges(entries: readonly { range: MinuteRange }[]): MinuteRange[] {
  return entries.map((e) => e.range).sort((a, b) => a.start - b.start);
}

function parseWeekly(rules: readonly WeeklyRule[], issues: Issue[]): Map<Weekday, MinuteRange[]> {
  const byWeekday = new Map<Weekday, { range: MinuteRange; path: string }[]>();
  rules.forEach((rule, index) => {
    const path = `weekly.${index}`;
    if (!isIntegerBetween(rule.weekday, 1, 7)) {
      issues.push({ path: `${path}.weekday`, message: 'must be an ISO weekday 1 (Monday) to 7 (Sunday)', code: 'weekday' });
    }
    const range = parseRange(rule, path, issues);
    if (!range || !isIntegerBetween(rule.weekday, 1, 7)) return;
    byWeekday.set(rule.weekday, [...(byWeekday.get(rule.weekday) ?? []), { range, path }]);
  });
  const parsed = new Map<Weekday, MinuteRange[]>();
  for (const [weekday, entries] of byWeekday) {
    checkOverlaps(entries, issues);
    parsed.set(weekday, sortedRanges(entries));
  }
  return parsed;
}

function parseExceptions(exceptions: readonly DateException[], issues: Issue[]): Map<LocalDate, MinuteRange[]> {
  const byDate = new Map<LocalDate, MinuteRange[]>();
  exceptions.forEach((exception, index) => {
    const path = `exceptions.${index}`;
    if (!isLocalDate(exception.date)) {
      issues.push({ path: `${path}.date`, message: 'must be a date yyyy-MM-dd', code: 'date' });
      return;
    }
    if (byDate.has(exception.date)) {
      issues.push({ path: `${path}.date`, message: 'duplicates another exception for the same date', code: 'duplicate' });
      return;
    }
    const entries: { range: MinuteRange; path: string }[] = [];
    exception.ranges.forEach((r, i) => {
      const range = parseRange(r, `${path}.ranges.${i}`, issues);
      if (range) entries.push({ range, path: `${path}.ranges.${i}` });
    });
    checkOverlaps(entries, issues);
    byDate.set(exception.date, sortedRanges(entries));
  });
  return byDate;
}

function parse(availability: Availability): ParsedAvailability {
  const issues: Issue[] = [];
  if (typeof availability.staffId !== 'string' || availability.staffId.length === 0) {
    issues.push({ path: 'staffId', message: 'must be a non-empty string', code: 'required' });
  }
  if (!isValidZone(availability.zone)) {
    issues.push({ path: 'zone', message: 'must be an IANA time-zone name such as Europe/Berlin', code: 'zone' });
  }
  const { meetingMinutes, bufferMinutes } = AVAILABILITY_LIMITS;
  if (availability.meetingLengths.length === 0) {
    issues.push({ path: 'meetingLengths', message: 'must offer at least one length', code: 'required' });
  }
  availability.meetingLengths.forEach((length, index) => {
    if (!isIntegerBetween(length, meetingMinutes.min, meetingMinutes.max)) {
      const message = `must be whole minutes, ${meetingMinutes.min}–${meetingMinutes.max}`;
      issues.push({ path: `meetingLengths.${index}`, message, code: 'range', minimum: meetingMinutes.min, maximum: meetingMinutes.max });
    }
  });
  if (!isIntegerBetween(availability.bufferMinutes ?? 0, bufferMinutes.min, bufferMinutes.max)) {
    issues.push({
      path: 'bufferMinutes',
      message: `must be whole minutes, ${bufferMinutes.min}–${bufferMinutes.max}`,
      code: 'range',
      minimum: bufferMinutes.min,
      maximum: bufferMinutes.max,
    });
  }
  const byWeekday = parseWeekly(availability.weekly, issues);
  const byDate = parseExceptions(availability.exceptions ?? [], issues);
  throwIfIssues('invalid availability', issues);
  return { zone: assertZone(availability.zone), byWeekday, byDate };
}

/**
 * Checks an availability and returns it with its zone in canonical casing. Throws AppError
 * BAD_REQUEST listing every problem: a bad zone, end not after start, overlapping rules on
 * one weekday (or ranges on one exception date), duplicate exception dates, meeting lengths
 * outside 5–240 minutes, a buffer outside 0–120 minutes.
 */
export function validateAvailability(availability: Availability): Availability {
  const { zone } = parse(availability);
  return { ...availability, zone };
}

function checkWindow(window: TimeWindow): void {
  assertInstant(window.from, 'window.from');
  assertInstant(window.to, 'window.to');
  if (window.to <= window.from) throw invalid('invalid window', [{ path: 'window.to', message: 'must be after from', code: 'order' }]);
}

/**
 * The merged availability ranges that overlap [from, to), not clipped to it, so a caller can
 * align slots to where a range really starts. Ranges that touch (adjacent rules, or a day
 * ending at 24:00 and the next starting at 00:00) are merged into one. Ranges are built from
 * the local day before `from` on, so a merged range reaches back at most to that day.
 */
export function availabilityRanges(availability: Availability, window: TimeWindow): Interval[] {
  checkWindow(window);
  const parsed = parse(availability);
  const { zone } = parsed;
  const intervals: Interval[] = [];
  const last = localDateOf(window.to, zone);
  for (let date = addDays(localDateOf(window.from, zone), -1); date <= last; date = addDays(date, 1)) {
    const ranges = parsed.byDate.get(date) ?? parsed.byWeekday.get(weekdayOf(date)) ?? [];
    for (const range of ranges) {
      const start = resolveWallTime(date, range.start, zone);
      const end = resolveWallTime(date, range.end, zone);
      if (end > start) intervals.push({ start, end });
    }
  }
  return mergeIntervals(intervals).filter((i) => i.start < window.to && i.end > window.from);
}

/**
 * Concrete UTC intervals in [from, to) when the staff member is available, merged and sorted.
 * Wall times follow the zone's offset on each day, so "09:00–17:00 Europe/Berlin" is
 * 08:00–16:00Z in winter and 07:00–15:00Z in summer. DST edges follow `resolveWallTime`:
 * on spring-forward a range loses the skipped hour; on fall-back each instant appears once.
 */
export function expandAvailability(availability: Availability, window: TimeWindow): Interval[] {
  return availabilityRanges(availability, window).flatMap((i) => clip(i, window) ?? []);
}
