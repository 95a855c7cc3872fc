import { describe, expect, it } from 'vitest';
import { wallClockCases } from '../../../signaling/fixtures/wallClockCases';
import { addDays, isoWeekday, localInputToIso, offsetMinutes, startOfDay, wallClock, zonedToInstant } from './zones';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zonedToInstant', () => {
  it('reads a wall time in the given zone, not the runtime’s', () => {
    expect(iso(zonedToInstant('2026-11-30', '09:00', 'Asia/Shanghai'))).toBe('2026-11-30T01:00:00.000Z');
    expect(iso(zonedToInstant('2026-11-30', '09:00', 'America/Los_Angeles'))).toBe('2026-11-30T17:00:00.000Z');
    expect(iso(zonedToInstant('2026-11-30', '09:00', 'Asia/Kolkata'))).toBe('2026-11-30T03:30:00.000Z');
  });

  it('follows summer time: 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer', () => {
    expect(iso(zonedToInstant('2026-01-15', '09:00', 'Europe/Berlin'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(zonedToInstant('2026-07-15', '09:00', 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z');
  });

  it('gives the transition for a time skipped by spring-forward, as the server does', () => {
    // 29 March 2026, Berlin: 02:00 CET → 03:00 CEST; 02:30 does not exist and reads as 03:00 CEST.
    expect(iso(zonedToInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
  });

  it.each(wallClockCases)("follows the platform's one rule: $date $time in $zone ($why)", ({ zone, date, time, instant }) => {
    expect(iso(zonedToInstant(date, time, zone))).toBe(instant);
  });

  it('takes the earlier of a time repeated by fall-back', () => {
    // 25 October 2026, Berlin: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(iso(zonedToInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives the start of a day in a zone', () => {
    expect(iso(startOfDay('2026-11-30', 'America/Los_Angeles'))).toBe('2026-11-30T08:00:00.000Z');
  });
});

describe('local calendar helpers', () => {
  it('shows an instant’s wall clock and offset in a zone', () => {
    const instant = Date.parse('2026-11-30T01:00:00Z');
    expect(wallClock(instant, 'Asia/Shanghai')).toEqual({ date: '2026-11-30', time: '09:00' });
    expect(wallClock(instant, 'America/Los_Angeles')).toEqual({ date: '2026-11-29', time: '17:00' });
    expect(offsetMinutes(instant, 'Asia/Kolkata')).toBe(330);
  });

  it('adds days across month and year ends and names ISO weekdays', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('turns a datetime-local value in the event’s zone into an instant', () => {
    expect(localInputToIso('2026-12-01T14:30', 'Europe/Berlin')).toBe('2026-12-01T13:30:00.000Z');
    expect(localInputToIso('not a date', 'Europe/Berlin')).toBeNull();
  });
});
