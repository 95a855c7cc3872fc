import type { AvailabilityDto } from '@ca/signaling';
import type { Issue } from '../../api/http';

/** One editable time range. `key` keeps React rows stable while ranges are added and removed. */
export type RangeRow = { key: string; start: string; end: string };
export type ExceptionRow = { key: string; date: string; unavailable: boolean; ranges: RangeRow[] };

export type AvailabilityForm = {
  timeZone: string;
  /** Index 0 = Monday (ISO weekday 1) … 6 = Sunday. */
  days: RangeRow[][];
  bufferMinutes: string;
  /** Guests per meeting: 1 = one-to-one, up to 10 for a small group. */
  groupSize: string;
  meetingLengths: number[];
  exceptions: ExceptionRow[];
};

/** Lengths offered as checkboxes (others the server has stay listed too). */
export const STANDARD_LENGTHS = [15, 30, 45, 60];

let counter = 0;
export const rowKey = () => `r${++counter}`;
export const newRange = (start = '09:00', end = '17:00'): RangeRow => ({ key: rowKey(), start, end });

// <input type="time"> cannot show 24:00: it is shown as 00:00, and an end of 00:00 is saved as 24:00.
const fromWire = (time: string) => (time === '24:00' ? '00:00' : time);
const toWireEnd = (time: string) => (time === '00:00' ? '24:00' : time);

export function toForm(dto: AvailabilityDto): AvailabilityForm {
  const days: RangeRow[][] = Array.from({ length: 7 }, () => []);
  for (const rule of dto.weekly) days[rule.weekday - 1]?.push(newRange(rule.start, fromWire(rule.end)));
  return {
    timeZone: dto.timeZone,
    days,
    bufferMinutes: String(dto.bufferMinutes),
    groupSize: String(dto.groupSize),
    meetingLengths: [...dto.meetingLengths],
    exceptions: dto.exceptions.map((e) => ({
      key: rowKey(),
      date: e.date,
      unavailable: e.ranges.length === 0,
      ranges: e.ranges.length > 0 ? e.ranges.map((r) => newRange(r.start, fromWire(r.end))) : [newRange()],
    })),
  };
}

/** Where each entry of the DTO came from, to put the server's issues next to the right row. */
export type RowOf = { weekly: string[]; exceptions: string[]; exceptionRanges: string[][] };

export function toDto(form: AvailabilityForm): { dto: AvailabilityDto; rows: RowOf } {
  const rows: RowOf = { weekly: [], exceptions: [], exceptionRanges: [] };
  const weekly = form.days.flatMap((ranges, index) =>
    ranges.map((r) => {
      rows.weekly.push(r.key);
      return { weekday: index + 1, start: r.start, end: toWireEnd(r.end) };
    }),
  );
  const exceptions = form.exceptions.map((e) => {
    rows.exceptions.push(e.key);
    const ranges = e.unavailable ? [] : e.ranges;
    rows.exceptionRanges.push(ranges.map((r) => r.key));
    return { date: e.date, ranges: ranges.map((r) => ({ start: r.start, end: toWireEnd(r.end) })) };
  });
  const buffer = Number(form.bufferMinutes);
  const group = Number(form.groupSize);
  return {
    dto: {
      timeZone: form.timeZone,
      weekly,
      exceptions,
      bufferMinutes: Number.isFinite(buffer) ? Math.round(buffer) : 0,
      meetingLengths: [...form.meetingLengths].sort((a, b) => a - b),
      groupSize: Number.isFinite(group) ? Math.round(group) : 1,
    },
    rows,
  };
}

/**
 * The server's issues keyed by what they are about: a row key, or
 * `timeZone` / `bufferMinutes` / `meetingLengths` for the fields of the form.
 */
export function issuesByRow(issues: Issue[], rows: RowOf): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (key: string, message: string) => map.set(key, [...(map.get(key) ?? []), message]);
  for (const { path, message } of issues) {
    const [head, a, b, c] = path.split('.');
    const i = Number(a);
    const row =
      head === 'weekly'
        ? rows.weekly[i]
        : head === 'exceptions'
          ? b === 'ranges'
            ? (rows.exceptionRanges[i]?.[Number(c)] ?? rows.exceptions[i])
            : rows.exceptions[i]
          : head === 'zone'
            ? 'timeZone'
            : head;
    add(row ?? 'form', message);
  }
  return map;
}

/**
 * Replaces the server's paths in a text ("weekly.1 overlaps weekly.0") with what they point
 * at ("Monday 10:00–23:00 overlaps Monday 09:00–17:00"), using the DTO that was sent.
 */
export function describePaths(text: string, dto: AvailabilityDto, weekdayName: (weekday: number) => string): string {
  return text.replace(
    /\b(weekly|exceptions)\.(\d+)(?:\.ranges\.(\d+))?(?:\.(start|end|date|weekday))?/g,
    (match, kind: string, index: string, range?: string) => {
      if (kind === 'weekly') {
        const rule = dto.weekly[Number(index)];
        return rule ? `${weekdayName(rule.weekday)} ${rule.start}–${rule.end}` : match;
      }
      const exception = dto.exceptions[Number(index)];
      if (!exception) return match;
      const r = range === undefined ? undefined : exception.ranges[Number(range)];
      return r ? `${exception.date} ${r.start}–${r.end}` : exception.date;
    },
  );
}
