import { DateTime, IANAZone } from 'luxon';
import { currentZoneName } from '@ca/signaling';
import { invalid } from './validation.js';
import { zoneOffset, zoneTransitions, type OffsetTransition } from './zone-offsets.js';

export type { OffsetTransition };

/**
 * A moment on the UTC timeline in epoch milliseconds: the only way the domain says "when".
 * Convert at the boundary with `parseInstant` / `formatInstant`.
 */
export type Instant = number;

/** An IANA time-zone name such as "Europe/Berlin", checked by `assertZone`. */
export type ZoneName = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Local working day used for night marking: [08:00, 20:00) local wall time. */
export const WORKING_DAY = { startHour: 8, endHour: 20 } as const;

/**
 * Valid zone names seen so far → their canonical spelling. Building an Intl formatter costs
 * hundreds of microseconds and slot computation checks zones constantly; only valid names are
 * kept, so the cache is bounded by the tz database (a few hundred names plus casings).
 */
const knownZones = new Map<string, ZoneName>();

function canonicalZone(zone: string): ZoneName | undefined {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  if (typeof zone !== 'string' || zone.length === 0 || !IANAZone.isValidZone(zone)) return undefined;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  const cased = resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  // Stored under the tz database's current name (Asia/Calcutta → Asia/Kolkata), when this runtime knows it.
  const current = currentZoneName(cased);
  const canonical = current !== cased && IANAZone.isValidZone(current) ? current : cased;
  if (knownZones.size < 5_000) knownZones.set(zone, canonical);
  return canonical;
}

/** True when `zone` names an IANA zone this runtime knows (luxon / Intl). */
export function isValidZone(zone: string): boolean {
  return canonicalZone(zone) !== undefined;
}

/**
 * Returns the zone when it is a valid IANA name, with its canonical casing when the input
 * differed only in case ("europe/berlin" → "Europe/Berlin") and under its current name when it
 * was renamed ("Asia/Calcutta" → "Asia/Kolkata", "Europe/Kiev" → "Europe/Kyiv"); other aliases
 * are kept as given. Throws AppError BAD_REQUEST otherwise.
 *
 * @param path where the zone came from, reported in the error details (default "zone").
 */
export function assertZone(zone: string, path = 'zone'): ZoneName {
  const canonical = canonicalZone(zone);
  if (canonical === undefined) {
    throw invalid('invalid time zone', [{ path, message: 'must be an IANA time-zone name such as Europe/Berlin', code: 'zone' }]);
  }
  return canonical;
}

/** Throws AppError BAD_REQUEST unless `instant` is a whole number of epoch milliseconds. */
export function assertInstant(instant: number, path = 'instant'): Instant {
  if (!Number.isSafeInteger(instant)) {
    throw invalid('invalid instant', [{ path, message: 'must be whole epoch milliseconds', code: 'instant' }]);
  }
  return instant;
}

const EXPLICIT_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parses an ISO-8601 date-time that carries its own offset ("…Z" or "…+02:00").
 * A string without an offset is refused: it would be read on the server's clock.
 */
export function parseInstant(iso: string, path = 'instant'): Instant {
  const parsed = typeof iso === 'string' && EXPLICIT_OFFSET.test(iso) ? DateTime.fromISO(iso, { setZone: true }) : null;
  if (!parsed || !parsed.isValid) {
    throw invalid('invalid instant', [{ path, message: 'must be an ISO-8601 date-time with Z or an offset', code: 'instant' }]);
  }
  return parsed.toMillis();
}

/** Formats an instant as ISO-8601 UTC, e.g. "2026-03-29T01:00:00Z" (milliseconds only when non-zero). */
export function formatInstant(instant: Instant): string {
  return DateTime.fromMillis(assertInstant(instant), { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** What a wall clock in `zone` shows at an instant. */
export interface LocalParts {
  zone: ZoneName;
  /** Local calendar date, "yyyy-MM-dd". */
  date: string;
  /** Local wall time, "HH:mm" (24-hour). */
  time: string;
  weekday: Weekday;
  /** UTC offset in minutes, e.g. 330 for +05:30, -240 for EDT. */
  offsetMinutes: number;
  /** UTC offset as text, e.g. "+05:30". */
  offset: string;
  /**
   * Short zone name for display, e.g. "EDT" or "GMT+5:30". It depends on the locale
   * (Berlin is "CEST" in en-GB but "GMT+2" in en-US); never parse it.
   */
  abbreviation: string;
  /** Local ISO-8601 with offset, e.g. "2026-07-01T09:00:00+02:00". */
  iso: string;
}

/** Options for `localParts`. */
export interface LocalPartsOptions {
  /** Locale for `abbreviation`. Default "en-US". */
  locale?: string;
}

/** The offset of `zone` at `instant`, in minutes (from the tz database, via luxon). */
export function offsetAt(instant: Instant, zone: ZoneName): number {
  return zoneOffset(assertInstant(instant), assertZone(zone));
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * Abbreviations by locale, zone and offset: asking Intl each time is slow, and they repeat.
 * Nested maps, so a hit builds no key string.
 */
const abbreviations = new Map<string, Map<ZoneName, Map<number, string>>>();
let abbreviationCount = 0;

function abbreviation(instant: Instant, zone: ZoneName, offsetMinutes: number, locale: string): string {
  let byZone = abbreviations.get(locale);
  if (byZone === undefined) abbreviations.set(locale, (byZone = new Map()));
  let byOffset = byZone.get(zone);
  if (byOffset === undefined) byZone.set(zone, (byOffset = new Map()));
  let name = byOffset.get(offsetMinutes);
  if (name === undefined) {
    name = DateTime.fromMillis(instant, { zone, locale }).offsetNameShort ?? formatOffset(offsetMinutes);
    if (abbreviationCount < 10_000) {
      byOffset.set(offsetMinutes, name);
      abbreviationCount++;
    }
  }
  return name;
}

/** "HH:mm" for every minute of a day, so formatting a time is an array read. */
const WALL_TIMES = Array.from({ length: 24 * 60 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);

/**
 * The proleptic Gregorian date of a day number (days since 1970-01-01), by Howard Hinnant's
 * days_from_civil inverse: plain arithmetic, no Date object and no server clock.
 */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The day number (days since 1970-01-01) of a proleptic Gregorian date; the inverse of `civilDate`. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** "yyyy-MM-dd" of a day number. */
export function formatCivilDate(days: number): string {
  const { year, month, day } = civilDate(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 (day 0) was a Thursday. */
export function weekdayOfDay(days: number): Weekday {
  return ((((days % 7) + 7 + 3) % 7) + 1) as Weekday;
}

/** Instants of the years 0000–9999, which ISO-8601 writes with a four-digit year. */
const FOUR_DIGIT_YEARS = { from: -62_167_219_200_000, to: 253_402_300_800_000 } as const;

/**
 * An instant as `Date.prototype.toISOString()` writes it ("2026-03-29T01:00:00.000Z"), from
 * arithmetic and a table of wall times: a slot list writes two per slot.
 */
export function isoUtc(instant: Instant): string {
  if (!Number.isSafeInteger(instant) || instant < FOUR_DIGIT_YEARS.from || instant >= FOUR_DIGIT_YEARS.to) {
    return new Date(instant).toISOString();
  }
  const days = Math.floor(instant / DAY);
  const msOfDay = instant - days * DAY;
  const time = WALL_TIMES[Math.floor(msOfDay / MINUTE)] as string;
  return `${formatCivilDate(days)}T${time}:${pad(Math.floor((msOfDay % MINUTE) / 1000))}.${pad(msOfDay % 1000, 3)}Z`;
}

/**
 * `localParts` for a zone whose offset at `instant` the caller already knows (from `offsetAt`
 * or a `ZoneOffsets` of the zone): the same result, without looking the offset up again.
 * `zone` must already be valid and canonical (from `assertZone`).
 */
export function localPartsAtOffset(instant: Instant, zone: ZoneName, offsetMinutes: number, options: LocalPartsOptions = {}): LocalParts {
  const wall = instant + offsetMinutes * MINUTE;
  const days = Math.floor(wall / DAY);
  const msOfDay = wall - days * DAY;
  const date = formatCivilDate(days);
  const time = WALL_TIMES[Math.floor(msOfDay / MINUTE)] as string;
  const millis = msOfDay % 1000;
  const seconds = `${pad(Math.floor((msOfDay % MINUTE) / 1000))}${millis === 0 ? '' : `.${pad(millis, 3)}`}`;
  const offset = formatOffset(offsetMinutes);
  return {
    zone,
    date,
    time,
    weekday: weekdayOfDay(days),
    offsetMinutes,
    offset,
    abbreviation: abbreviation(instant, zone, offsetMinutes, options.locale ?? 'en-US'),
    iso: `${date}T${time}:${seconds}${offset}`,
  };
}

/** Breaks an instant into the local date, time, weekday, offset and abbreviation of `zone`. */
export function localParts(instant: Instant, zone: ZoneName, options: LocalPartsOptions = {}): LocalParts {
  const name = assertZone(zone);
  return localPartsAtOffset(instant, name, offsetAt(instant, name), options);
}

/** True when the wall clock at `offsetMinutes` shows a time outside the local working day [08:00, 20:00). */
export function isNightAtOffset(instant: Instant, offsetMinutes: number): boolean {
  const wall = instant + offsetMinutes * MINUTE;
  const hour = Math.floor((wall - Math.floor(wall / DAY) * DAY) / HOUR);
  return hour < WORKING_DAY.startHour || hour >= WORKING_DAY.endHour;
}

/** True when the instant falls outside the local working day [08:00, 20:00) in `zone`. */
export function isNight(instant: Instant, zone: ZoneName): boolean {
  return isNightAtOffset(instant, offsetAt(instant, zone));
}

/**
 * The offset changes of `zone` in (from, to]: each with the first instant of the new offset.
 * Empty when the offset stays the same (and always for zones without DST, such as Asia/Shanghai).
 * Assumes a zone never changes its offset twice within 24 hours (true for the tz database today).
 */
export function dstChangeBetween(from: Instant, to: Instant, zone: ZoneName): OffsetTransition[] {
  return zoneTransitions(assertInstant(from, 'from'), assertInstant(to, 'to'), assertZone(zone));
}
