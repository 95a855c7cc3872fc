/**
 * Time-zone arithmetic on the runtime's tz database (Intl), never on the browser's own zone.
 * A local date is "YYYY-MM-DD", a wall time "HH:mm"; instants are epoch milliseconds.
 */

// The rename table only (a subpath), so the main bundle does not pull in the contract's zod schemas.
import { currentZoneName } from '@ca/signaling/zoneNames';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The browser's zone under its current tz name, e.g. "Europe/Berlin", "Asia/Kolkata" where the
 * browser says "Asia/Calcutta" (UTC when the runtime does not say).
 */
export function browserZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const current = currentZoneName(zone);
  return current !== zone && isValidZone(current) ? current : zone;
}

/** Every zone the runtime knows, sorted, always including `extra` (the current choice may be an alias). */
export function supportedZones(...extra: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  // Listed under their current names (the runtime may still list "Europe/Kiev").
  const zones = known.map((zone) => {
    const current = currentZoneName(zone);
    return current !== zone && isValidZone(current) ? current : zone;
  });
  return [...new Set([...zones, 'UTC', ...extra.filter(isValidZone)])].sort();
}

/** True when the runtime knows the zone. */
export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = wallFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(zone, formatter);
  }
  return formatter;
}

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallParts(instant: number, zone: string): WallParts {
  const parts: Record<string, number> = {};
  for (const part of wallFormatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The zone's UTC offset at an instant, in minutes (east positive: Asia/Shanghai = 480). */
export function offsetMinutes(instant: number, zone: string): number {
  const p = wallParts(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/** The local date and wall time of an instant in a zone. */
export function wallClock(instant: number, zone: string): { date: string; time: string } {
  const p = wallParts(instant, zone);
  return { date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

function splitDate(date: string): [number, number, number] {
  const [y = '1970', m = '1', d = '1'] = date.split('-');
  return [Number(y), Number(m), Number(d)];
}

/**
 * The instant a local date and wall time name in a zone, by the platform's one rule (the server's
 * `resolveWallTime`; both are tested against `signaling/fixtures/wallClockCases.ts`): a time
 * repeated by a fall-back gives the earlier instant; a time skipped by a spring-forward gives the
 * transition, the first moment after the gap (02:30 on the spring day in Berlin = 03:00 CEST).
 */
export function zonedToInstant(date: string, time: string, zone: string): number {
  const [y, m, d] = splitDate(date);
  const [h = '0', mi = '0'] = time.split(':');
  const wall = Date.UTC(y, m - 1, d, Number(h), Number(mi));
  const before = offsetMinutes(wall - DAY, zone);
  const after = offsetMinutes(wall + DAY, zone);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => offsetMinutes(instant, zone) === Math.round((wall - instant) / MINUTE))
    .sort((a, b) => a - b);
  return matches[0] ?? transitionBetween(wall - after * MINUTE, wall - before * MINUTE, after, zone);
}

/** The first instant in [from, to] (to the minute) at which the zone's offset is `offset`: a gap's transition. */
function transitionBetween(from: number, to: number, offset: number, zone: string): number {
  let lo = Math.floor(from / MINUTE);
  let hi = Math.ceil(to / MINUTE);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(mid * MINUTE, zone) === offset) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE;
}

/** Midnight starting a local date in a zone (a DST change at midnight gives the first instant of the day). */
export function startOfDay(date: string, zone: string): number {
  return zonedToInstant(date, '00:00', zone);
}

/** Today's date in a zone. */
export function todayIn(zone: string, now: number = Date.now()): string {
  return wallClock(now, zone).date;
}

/** A local date plus some days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = splitDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  const [y, m, d] = splitDate(date);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Noon of a calendar date in UTC: format it with `timeZone: 'UTC'` to show the date itself. */
export function calendarNoon(date: string): number {
  const [y, m, d] = splitDate(date);
  return Date.UTC(y, m - 1, d, 12);
}

/** "2026-03-29T14:30" (an `<input type="datetime-local">` value) in a zone → ISO instant "…Z". */
export function localInputToIso(value: string, zone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  return new Date(zonedToInstant(match[1], match[2], zone)).toISOString();
}
