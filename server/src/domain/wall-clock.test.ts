import { describe, expect, it } from 'vitest';
import { formatInstant } from './time.js';
import { addDays, isLocalDate, localDateOf, parseWallTime, resolveWallTime, weekdayOf } from './wall-clock.js';
import { wallClockCases } from '../../../signaling/fixtures/wallClockCases.js';

const resolved = (date: string, time: string, zone: string) => formatInstant(resolveWallTime(date, parseWallTime(time, true) ?? Number.NaN, zone));

describe('wall-clock values', () => {
  it('parseWallTime() reads HH:mm as minutes and allows 24:00 only as an end', () => {
    expect(parseWallTime('09:30')).toBe(570);
    expect(parseWallTime('00:00')).toBe(0);
    expect(parseWallTime('24:00')).toBeUndefined();
    expect(parseWallTime('24:00', true)).toBe(1440);
    expect(parseWallTime('24:30', true)).toBeUndefined();
    expect(parseWallTime('9:30')).toBeUndefined();
    expect(parseWallTime('23:60')).toBeUndefined();
  });

  it('isLocalDate() accepts real dates only', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-3-1')).toBe(false);
  });

  it('addDays() and weekdayOf() do calendar arithmetic across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-03-29')).toBe(7);
    expect(weekdayOf('2026-03-30')).toBe(1);
  });

  it('localDateOf() gives the date on the wall in the zone, not in UTC', () => {
    const instant = Date.UTC(2026, 0, 14, 20, 0);
    expect(localDateOf(instant, 'Australia/Sydney')).toBe('2026-01-15');
    expect(localDateOf(instant, 'America/Los_Angeles')).toBe('2026-01-14');
  });
});

describe('resolveWallTime()', () => {
  it.each(wallClockCases)("follows the platform's one rule, shared with the client: $date $time in $zone ($why)", ({ zone, date, time, instant }) => {
    expect(resolved(date, time, zone)).toBe(instant.replace('.000Z', 'Z'));
  });

  it('maps 09:00 Berlin to 08:00Z in January and 07:00Z in July', () => {
    expect(resolved('2026-01-14', '09:00', 'Europe/Berlin')).toBe('2026-01-14T08:00:00Z');
    expect(resolved('2026-07-15', '09:00', 'Europe/Berlin')).toBe('2026-07-15T07:00:00Z');
  });

  it('maps 09:00 Kolkata to 03:30Z and 24:00 to the next midnight', () => {
    expect(resolved('2026-01-14', '09:00', 'Asia/Kolkata')).toBe('2026-01-14T03:30:00Z');
    expect(resolved('2026-01-14', '24:00', 'Asia/Kolkata')).toBe('2026-01-14T18:30:00Z');
  });

  it('sends a time inside the Berlin spring-forward gap to the end of the gap (03:00 CEST = 01:00Z)', () => {
    expect(resolved('2026-03-29', '01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00Z');
    expect(resolved('2026-03-29', '02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00Z');
    expect(resolved('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:00:00Z');
    expect(resolved('2026-03-29', '03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00Z');
  });

  it('sends a time inside the New York spring-forward gap on 2026-03-08 to 03:00 EDT (07:00Z)', () => {
    expect(resolved('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:00:00Z');
  });

  it('sends a repeated Berlin fall-back time to its first occurrence, in summer time', () => {
    expect(resolved('2026-10-25', '02:00', 'Europe/Berlin')).toBe('2026-10-25T00:00:00Z');
    expect(resolved('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00Z');
    expect(resolved('2026-10-25', '03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00Z');
  });

  it('sends a repeated New York fall-back time on 2026-11-01 to its first occurrence, in EDT', () => {
    expect(resolved('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00Z');
    expect(resolved('2026-11-01', '02:00', 'America/New_York')).toBe('2026-11-01T07:00:00Z');
  });

  it('sends a repeated Sydney time at the April fall-back to its first occurrence, in AEDT', () => {
    expect(resolved('2026-04-05', '02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00Z');
  });
});
