import type { Interval } from './interval.js';
import { assertZone, type ZoneName } from './time.js';
import { throwIfIssues, type Issue } from './validation.js';
import { addDays, isLocalDate, resolveWallTime, type LocalDate } from './wall-clock.js';

/** An event's dates as the organizer sees them: inclusive local dates in the event's zone. */
export interface EventWindow {
  /** First day, "yyyy-MM-dd", inclusive. */
  startDate: LocalDate;
  /** Last day, "yyyy-MM-dd", inclusive. */
  endDate: LocalDate;
  zone: ZoneName;
}

/**
 * The UTC interval an event covers: from 00:00 of its first day to 00:00 after its last day,
 * both in the event's zone. Throws AppError BAD_REQUEST for bad dates, a bad zone, or an end
 * date before the start date.
 */
export function eventInterval(event: EventWindow): Interval {
  const issues: Issue[] = [];
  if (!isLocalDate(event.startDate)) issues.push({ path: 'event.startDate', message: 'must be a date yyyy-MM-dd' });
  if (!isLocalDate(event.endDate)) issues.push({ path: 'event.endDate', message: 'must be a date yyyy-MM-dd' });
  if (issues.length === 0 && event.endDate < event.startDate) {
    issues.push({ path: 'event.endDate', message: 'must not be before startDate' });
  }
  throwIfIssues('invalid event window', issues);
  const zone = assertZone(event.zone, 'event.zone');
  return {
    start: resolveWallTime(event.startDate, 0, zone),
    end: resolveWallTime(addDays(event.endDate, 1), 0, zone),
  };
}
