import type { Formatter } from '../../time/format';

/** A local day of a dashboard ("2026-12-05") as the reader writes it, e.g. "5 Dec" or "12月5日". */
export const dayLabel = (fmt: Formatter, date: string): string => fmt.calendarDate(date, { day: 'numeric', month: 'short' });

/** An hour of the day 0–23 on the reader's clock ("09:00" or "9 AM"). */
export function hourLabel(locale: string, hour: number): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 1, hour));
}

/** Minutes as the locale writes a duration ("30 min", "30分"). */
export function minutesLabel(locale: string, minutes: number): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }).format(minutes);
}

/** Milliseconds and percent likewise. */
export const msLabel = (locale: string, ms: number): string =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 }).format(ms);
export const percentLabel = (locale: string, pct: number): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(pct / 100);
