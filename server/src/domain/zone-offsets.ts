import { IANAZone } from 'luxon';

/**
 * A zone's UTC offsets, read from the tz database through luxon and kept per zone and UTC
 * year, so that slot computation (thousands of offset look-ups) does one Intl call per day
 * of a year once, then binary searches.
 */

/** A change of a zone's UTC offset (a DST start or end, or a political change). */
export interface OffsetTransition {
  /** The first instant at which the new offset applies. */
  at: number;
  offsetBeforeMinutes: number;
  offsetAfterMinutes: number;
}

/** One UTC year [1 January 00:00Z, next 1 January 00:00Z) of one zone. */
interface YearTable {
  /** Offset in force just before the year starts. */
  startOffset: number;
  /** Changes inside the year, sorted. */
  transitions: OffsetTransition[];
}

const DAY = 86_400_000;
/**
 * Offsets are sampled once per day and each change is then located to the millisecond;
 * this assumes a zone never changes its offset twice within 24 hours, which holds for every
 * zone in the tz database today.
 */
const SCAN_STEP = DAY;
const MAX_TABLES = 10_000;
const tables = new Map<string, YearTable>();

function locate(zone: IANAZone, before: number, after: number, offsetBefore: number): OffsetTransition {
  let lo = before;
  let hi = after;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return { at: hi, offsetBeforeMinutes: offsetBefore, offsetAfterMinutes: zone.offset(hi) };
}

function scan(zone: IANAZone, from: number, to: number): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let previous = from;
  let previousOffset = zone.offset(from);
  while (previous < to) {
    const next = Math.min(previous + SCAN_STEP, to);
    const nextOffset = zone.offset(next);
    if (nextOffset !== previousOffset) transitions.push(locate(zone, previous, next, previousOffset));
    previous = next;
    previousOffset = nextOffset;
  }
  return transitions;
}

function yearStart(year: number): number {
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  return start.getTime();
}

/** `zone` must already be a valid IANA name. */
function tableFor(zone: string, year: number): YearTable {
  const key = `${zone}|${year}`;
  const cached = tables.get(key);
  if (cached) return cached;
  const iana = IANAZone.create(zone);
  // scan() finds changes in (from, to]; shifting by 1 ms gives those in [yearStart, nextYearStart).
  const before = yearStart(year) - 1;
  const table = { startOffset: iana.offset(before), transitions: scan(iana, before, yearStart(year + 1) - 1) };
  if (tables.size >= MAX_TABLES) tables.clear();
  tables.set(key, table);
  return table;
}

/** The offset of a valid IANA `zone` at `instant`, in minutes. */
export function zoneOffset(instant: number, zone: string): number {
  const table = tableFor(zone, new Date(instant).getUTCFullYear());
  let offset = table.startOffset;
  for (const t of table.transitions) {
    if (t.at > instant) break;
    offset = t.offsetAfterMinutes;
  }
  return offset;
}

/** The offset changes of a valid IANA `zone` with from < at <= to, in order. */
export function zoneTransitions(from: number, to: number, zone: string): OffsetTransition[] {
  if (to <= from) return [];
  const found: OffsetTransition[] = [];
  const lastYear = new Date(to).getUTCFullYear();
  for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
    for (const t of tableFor(zone, year).transitions) if (t.at > from && t.at <= to) found.push(t);
  }
  return found;
}

/**
 * The offsets of one valid IANA `zone` over a span of time, for code that asks about many
 * instants in it (a slot list asks about each slot's start and end): the changes are looked up
 * once, and `offset()` then compares the instant with the few changes inside the span, with no
 * string keys or Date objects per call. Instants outside the span are answered too (through
 * `zoneOffset`), only more slowly.
 */
export class ZoneOffsets {
  readonly zone: string;
  readonly #from: number;
  readonly #to: number;
  readonly #startOffset: number;
  readonly #transitions: readonly OffsetTransition[];

  /** Covers [from, to]; `to` must not be before `from`. */
  constructor(zone: string, from: number, to: number) {
    this.zone = zone;
    this.#from = from;
    this.#to = to;
    this.#startOffset = zoneOffset(from, zone);
    this.#transitions = zoneTransitions(from, to, zone);
  }

  /** The offset at `instant`, in minutes. */
  offset(instant: number): number {
    if (instant < this.#from || instant > this.#to) return zoneOffset(instant, this.zone);
    let offset = this.#startOffset;
    for (const t of this.#transitions) {
      if (t.at > instant) break;
      offset = t.offsetAfterMinutes;
    }
    return offset;
  }
}
