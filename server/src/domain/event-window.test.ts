import { describe, expect, it } from 'vitest';
import { eventInterval } from './event-window.js';
import { formatInstant } from './time.js';

const span = (startDate: string, endDate: string, zone: string) => {
  const interval = eventInterval({ startDate, endDate, zone });
  return [formatInstant(interval.start), formatInstant(interval.end)];
};

describe('eventInterval()', () => {
  it('runs from midnight of the first day to midnight after the last day in the event’s zone', () => {
    expect(span('2026-06-10', '2026-06-11', 'Europe/Berlin')).toEqual(['2026-06-09T22:00:00Z', '2026-06-11T22:00:00Z']);
    expect(span('2026-06-10', '2026-06-10', 'Asia/Kolkata')).toEqual(['2026-06-09T18:30:00Z', '2026-06-10T18:30:00Z']);
  });

  it('lasts 23 hours for a one-day event on the Berlin spring-forward day and 25 on the fall-back day', () => {
    expect(span('2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual(['2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z']);
    expect(span('2026-10-25', '2026-10-25', 'Europe/Berlin')).toEqual(['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z']);
  });

  it('spans Sydney’s April change with a summer-time start and a standard-time end', () => {
    expect(span('2026-04-04', '2026-04-05', 'Australia/Sydney')).toEqual(['2026-04-03T13:00:00Z', '2026-04-05T14:00:00Z']);
  });

  it('starts at the change when midnight does not exist (Santiago skips 00:00–01:00 on 2026-09-06)', () => {
    expect(span('2026-09-06', '2026-09-06', 'America/Santiago')).toEqual(['2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z']);
  });

  it('refuses a bad date, a last day before the first and an unknown zone with BAD_REQUEST', () => {
    const badRequest = (path: string) => expect.objectContaining({ code: 'BAD_REQUEST', details: [expect.objectContaining({ path })] });
    expect(() => span('2026-06-31', '2026-07-01', 'UTC')).toThrow(badRequest('event.startDate'));
    expect(() => span('2026-06-10', '2026-06-09', 'UTC')).toThrow(badRequest('event.endDate'));
    expect(() => span('2026-06-10', '2026-06-10', 'Europe/Nowhere')).toThrow(badRequest('event.zone'));
  });
});
