import { DateTime, IANAZone } from 'luxon';
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
  const canonical = resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  if (knownZones.size < 5_000) knownZones.set(zone, canonical);
  return canonical;
}

/** True when `zone` names an IANA zone this runtime knows (luxon / Intl). */
export function isValidZone(zone: string): boolean {
  return canonicalZone(zone) !== undefined;
}

/**
 * Returns the zone when it is a valid IANA name, with its canonical casing when the input
 * differed only in case ("europe/berlin" → "Europe/Berlin"); aliases such as "Asia/Kolkata"
 * are kept as given. Throws AppError BAD_REQUEST otherwise.
 *
 * @param path where the zone came from, reported in the error details (default "zone").
 */
export function assertZone(zone: string, path = 'zone'): ZoneName {
  const canonical = canonicalZone(zone);
  if (canonical === undefined) {
    throw invalid('invalid time zone', [{ path, message: 'must be an IANA time-zone name such as Europe/Berlin' }]);
  }
  return canonical;
}

/** Throws AppError BAD_REQUEST unless `instant` is a whole number of epoch milliseconds. */
export function assertInstant(instant: number, path = 'instant'): Instant {
  if (!Number.isSafeInteger(instant)) {
    throw invalid('invalid instant', [{ path, message: 'must be whole epoch milliseconds' }]);
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
    throw invalid('invalid instant', [{ path, message: 'must be an ISO-8601 date-time with Z or an offset' }]);
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

/** Abbreviations by zone, offset and locale: asking Intl each time is slow, and they repeat. */
const abbreviations = new Map<string, string>();

function abbreviation(instant: Instant, zone: ZoneName, offsetMinutes: number, locale: string): string {
  const key = `${zone}|${offsetMinutes}|${locale}`;
  let name = abbreviations.get(key);
  if (name === undefined) {
    name = DateTime.fromMillis(instant, { zone, locale }).offsetNameShort ?? formatOffset(offsetMinutes);
    if (abbreviations.size < 10_000) abbreviations.set(key, name);
  }
  return name;
}

/** The wall clock of a fixed offset, read with UTC getters (no server clock involved). */
function wallClock(instant: Instant, offsetMinutes: number): Date {
  return new Date(instant + offsetMinutes * MINUTE);
}

/** Breaks an instant into the local date, time, weekday, offset and abbreviation of `zone`. */
export function localParts(instant: Instant, zone: ZoneName, options: LocalPartsOptions = {}): LocalParts {
  const name = assertZone(zone);
  const offsetMinutes = offsetAt(instant, name);
  const wall = wallClock(instant, offsetMinutes);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  const millis = wall.getUTCMilliseconds();
  const seconds = `${pad(wall.getUTCSeconds())}${millis === 0 ? '' : `.${pad(millis, 3)}`}`;
  const offset = formatOffset(offsetMinutes);
  return {
    zone: name,
    date,
    time,
    weekday: (((wall.getUTCDay() + 6) % 7) + 1) as Weekday,
    offsetMinutes,
    offset,
    abbreviation: abbreviation(instant, name, offsetMinutes, options.locale ?? 'en-US'),
    iso: `${date}T${time}:${seconds}${offset}`,
  };
}

/** True when the instant falls outside the local working day [08:00, 20:00) in `zone`. */
export function isNight(instant: Instant, zone: ZoneName): boolean {
  const hour = wallClock(instant, offsetAt(instant, zone)).getUTCHours();
  return hour < WORKING_DAY.startHour || hour >= WORKING_DAY.endHour;
}

/**
 * The offset changes of `zone` in (from, to]: each with the first instant of the new offset.
 * Empty when the offset stays the same (and always for zones without DST, such as Asia/Shanghai).
 * Assumes a zone never changes its offset twice within 24 hours (true for the tz database today).
 */
export function dstChangeBetween(from: Instant, to: Instant, zone: ZoneName): OffsetTransition[] {
  return zoneTransitions(assertInstant(from, 'from'), assertInstant(to, 'to'), assertZone(zone));
}
