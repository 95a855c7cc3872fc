import { stringify } from 'csv-stringify/sync';
import type { BoothAnalytics, EventAnalytics } from '@ca/signaling';
import { analyticsColumns, type AnalyticsColumn } from '../i18n/analyticsTexts.js';

const COUNTS = ['visits', 'walkIns', 'requested', 'accepted', 'held', 'noShows'] as const satisfies readonly AnalyticsColumn[];

/** RFC 4180 through csv-stringify, UTF-8 with a byte-order mark (spreadsheets then read every script right). */
const csv = (rows: (string | number)[][]) => stringify(rows, { bom: true, record_delimiter: 'windows' });

/** A booth's dashboard as CSV: one row per local day, headers in the reader's language. */
export function boothAnalyticsCsv(analytics: BoothAnalytics, language: string): string {
  const texts = analyticsColumns(language);
  return csv([[texts.date, ...COUNTS.map((c) => texts[c])], ...analytics.daily.map((d) => [d.date, ...COUNTS.map((c) => d[c])])]);
}

/** An event's dashboard as CSV: one row per booth with its hall. */
export function eventAnalyticsCsv(analytics: EventAnalytics, language: string): string {
  const texts = analyticsColumns(language);
  const hallName = new Map(analytics.halls.map((h) => [h.hallId, h.name]));
  return csv([
    [texts.booth, texts.hall, ...COUNTS.map((c) => texts[c])],
    ...analytics.booths.map((b) => [b.organisation, hallName.get(b.hallId) ?? '', ...COUNTS.map((c) => b[c])]),
  ]);
}
