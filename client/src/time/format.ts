import { calendarNoon } from './zones';

type Instant = string | number | Date;

const cache = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl.DateTimeFormat; `timeZone` is always given, so nothing falls back to the browser's zone. */
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let result = cache.get(key);
  if (!result) {
    result = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, result);
  }
  return result;
}

const toDate = (instant: Instant) => (instant instanceof Date ? instant : new Date(instant));

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const DAY_LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** Dates and times in one locale and one zone (each call may name another zone). */
export type Formatter = {
  locale: string;
  /** The zone used when a call names none: the user's profile zone, else the browser's. */
  zone: string;
  /** "09:00" (or "9:00 AM" in a 12-hour locale) */
  time: (instant: Instant, zone?: string) => string;
  /** "01:30 GMT-4": the time with its UTC offset (tells apart the two 01:30 of a fall-back night) */
  timeWithOffset: (instant: Instant, zone?: string) => string;
  /** The zone's name in the locale ("Central European Time", "中欧时间"), else its city from the IANA id */
  zoneName: (zone?: string) => string;
  /** "09:00–09:30" */
  timeRange: (start: Instant, end: Instant, zone?: string) => string;
  /** "Mon, 30 Nov, 09:00–09:30" */
  dateTimeRange: (start: Instant, end: Instant, zone?: string) => string;
  /** "Mon, 30 Nov" */
  day: (instant: Instant, zone?: string) => string;
  /** "Monday, 30 November 2026" */
  dayLong: (instant: Instant, zone?: string) => string;
  /** "Mon, 30 Nov, 09:00" */
  dateTime: (instant: Instant, zone?: string) => string;
  /** A calendar date "YYYY-MM-DD" (no zone of its own), e.g. "30 November 2026". */
  calendarDate: (date: string, options?: Intl.DateTimeFormatOptions) => string;
  /** Two calendar dates as a range, e.g. "29 Nov – 12 Dec 2026". */
  calendarRange: (from: string, to: string) => string;
};

/**
 * The locale's own clock: "09:00" / "17:30" where a 24-hour clock is usual (en-GB, zh-CN),
 * "9:00 AM" / "5:30 PM" where it is not (en-US).
 */
function timeOptions(locale: string): Intl.DateTimeFormatOptions {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return { hour: cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric', minute: '2-digit' };
}

/**
 * The locale to format with: the UI language, refined by the browser's region when they
 * share a language ("en" + a browser in en-GB → en-GB, so a British guest reads 17:30).
 */
export function formattingLocale(language: string, browserLanguages: readonly string[]): string {
  if (language.includes('-')) return language;
  const match = browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language.toLowerCase());
  try {
    return match ? (Intl.DateTimeFormat.supportedLocalesOf(match)[0] ?? language) : language;
  } catch {
    return language;
  }
}

export function createFormatter(locale: string, zone: string): Formatter {
  const TIME = timeOptions(locale);
  const fmt = (options: Intl.DateTimeFormatOptions) => (instant: Instant, z?: string) =>
    formatter(locale, z ?? zone, options).format(toDate(instant));
  return {
    locale,
    zone,
    time: fmt(TIME),
    timeWithOffset: fmt({ ...TIME, timeZoneName: 'shortOffset' }),
    zoneName: (z) => zoneNameIn(locale, z ?? zone),
    timeRange: (start, end, z) => formatter(locale, z ?? zone, TIME).formatRange(toDate(start), toDate(end)),
    day: fmt(DAY),
    dayLong: fmt(DAY_LONG),
    dateTime: fmt({ ...DAY, ...TIME }),
    dateTimeRange: (start, end, z) => formatter(locale, z ?? zone, { ...DAY, ...TIME }).formatRange(toDate(start), toDate(end)),
    // A calendar date is shown as itself: its UTC noon formatted in UTC.
    calendarDate: (date, options = DATE) => formatter(locale, 'UTC', options).format(calendarNoon(date)),
    calendarRange: (from, to) => formatter(locale, 'UTC', DATE).formatRange(calendarNoon(from), calendarNoon(to)),
  };
}

/** Intl's generic long name of a zone in a locale; the city of its IANA id when Intl has none (or only "GMT+x"). */
function zoneNameIn(locale: string, zone: string): string {
  const part = formatter(locale, zone, { timeZoneName: 'longGeneric' })
    .formatToParts(Date.now())
    .find((p) => p.type === 'timeZoneName')?.value;
  if (part && !/^(GMT|UTC)([+-−]|$)/.test(part)) return part;
  return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}
