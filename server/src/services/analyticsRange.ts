import { ErrorCode, MAX_ANALYTICS_DAYS, type AnalyticsQuery } from '@ca/signaling';
import { addDays, assertZone, LocalCalendar, resolveWallTime, type Instant } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { EventRow } from '../store/schema.js';

/** The days a dashboard counts, in one zone, with the UTC instants that bound them. */
export type AnalyticsRange = { calendar: LocalCalendar; fromInstant: Instant; toInstant: Instant };

/**
 * The range an analytics query asks for: its dates (default: the event's days) in its zone (default
 * `defaultZone`). A reversed or longer-than-a-year range, or an unknown zone, is BAD_REQUEST.
 */
export function analyticsRange(query: AnalyticsQuery, event: EventRow, defaultZone: string): AnalyticsRange {
  const zone = assertZone(query.timeZone ?? defaultZone, 'timeZone');
  const from = query.from ?? event.starts_on;
  const to = query.to ?? event.ends_on;
  if (to < from) throw new AppError(ErrorCode.BadRequest, 'the range ends before it starts', { from, to });
  if (addDays(from, MAX_ANALYTICS_DAYS - 1) < to) {
    throw new AppError(ErrorCode.BadRequest, `at most ${MAX_ANALYTICS_DAYS} days at once`, { from, to });
  }
  return {
    calendar: new LocalCalendar(zone, from, to),
    fromInstant: resolveWallTime(from, 0, zone),
    toInstant: resolveWallTime(addDays(to, 1), 0, zone),
  };
}
