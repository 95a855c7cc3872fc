import { describe, expect, it } from 'vitest';
import { availabilityRanges, expandAvailability, validateAvailability, type Availability, type WeeklyRule } from './availability.js';
import type { Interval } from './interval.js';
import { formatInstant, parseInstant, type Weekday } from './time.js';

const at = (iso: string) => parseInstant(iso);
const show = (intervals: Interval[]) => intervals.map((i) => `${formatInstant(i.start)}/${formatInstant(i.end)}`);
const ALL_WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const everyDay = (start: string, end: string): WeeklyRule[] => ALL_WEEK.map((weekday) => ({ weekday, start, end }));
const staff = (zone: string, weekly: WeeklyRule[], extra: Partial<Availability> = {}): Availability => ({
  staffId: 'rep-1',
  zone,
  weekly,
  meetingLengths: [30],
  ...extra,
});
const window = (from: string, to: string) => ({ from: at(from), to: at(to) });
const badRequestAt = (...paths: string[]) =>
  expect.objectContaining({
    name: 'AppError',
    code: 'BAD_REQUEST',
    details: expect.arrayContaining(paths.map((path) => expect.objectContaining({ path }))),
  });

describe('expandAvailability()', () => {
  it('a 09:00–17:00 Berlin rule is 07:00–15:00 UTC in July and 08:00–16:00 UTC in January', () => {
    const berlin = staff('Europe/Berlin', [{ weekday: 3, start: '09:00', end: '17:00' }]);
    expect(show(expandAvailability(berlin, window('2026-07-15T00:00:00Z', '2026-07-16T00:00:00Z')))).toEqual([
      '2026-07-15T07:00:00Z/2026-07-15T15:00:00Z',
    ]);
    expect(show(expandAvailability(berlin, window('2026-01-14T00:00:00Z', '2026-01-15T00:00:00Z')))).toEqual([
      '2026-01-14T08:00:00Z/2026-01-14T16:00:00Z',
    ]);
  });

  it('repeats weekly rules over a week, with several ranges on one day, and skips days without rules', () => {
    const rep = staff('Europe/Berlin', [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '14:00', end: '16:00' },
      { weekday: 3, start: '10:00', end: '11:00' },
    ]);
    expect(show(expandAvailability(rep, window('2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z')))).toEqual([
      '2026-01-12T08:00:00Z/2026-01-12T11:00:00Z',
      '2026-01-12T13:00:00Z/2026-01-12T15:00:00Z',
      '2026-01-14T09:00:00Z/2026-01-14T10:00:00Z',
    ]);
  });

  it('clips to the window and merges rules that touch, including 24:00 into the next 00:00', () => {
    const nightOwl = staff('UTC', [
      { weekday: 3, start: '20:00', end: '22:00' },
      { weekday: 3, start: '22:00', end: '24:00' },
      { weekday: 4, start: '00:00', end: '02:00' },
    ]);
    expect(show(expandAvailability(nightOwl, window('2026-01-14T21:00:00Z', '2026-01-16T00:00:00Z')))).toEqual([
      '2026-01-14T21:00:00Z/2026-01-15T02:00:00Z',
    ]);
    expect(show(availabilityRanges(nightOwl, window('2026-01-15T00:00:00Z', '2026-01-15T01:00:00Z')))).toEqual([
      '2026-01-14T20:00:00Z/2026-01-15T02:00:00Z',
    ]);
  });

  it('on the Berlin spring-forward day a 00:00–06:00 rule just loses the skipped hour (5 real hours)', () => {
    const rep = staff('Europe/Berlin', everyDay('00:00', '06:00'));
    expect(show(expandAvailability(rep, window('2026-03-29T00:00:00+01:00', '2026-03-29T12:00:00Z')))).toEqual([
      '2026-03-28T23:00:00Z/2026-03-29T04:00:00Z',
    ]);
  });

  it('on the Berlin spring-forward day a range starting in the gap starts at 03:00 CEST, and one inside it vanishes', () => {
    const startsInGap = staff('Europe/Berlin', everyDay('02:30', '04:00'));
    const insideGap = staff('Europe/Berlin', everyDay('02:15', '02:45'));
    const day = window('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z');
    expect(show(expandAvailability(startsInGap, day))).toEqual(['2026-03-29T01:00:00Z/2026-03-29T02:00:00Z']);
    expect(show(expandAvailability(insideGap, day))).toEqual([]);
  });

  it('on the Berlin fall-back night a 00:00–06:00 rule covers 7 real hours, each instant once', () => {
    const rep = staff('Europe/Berlin', everyDay('00:00', '06:00'));
    expect(show(expandAvailability(rep, window('2026-10-24T22:00:00Z', '2026-10-25T22:00:00Z')))).toEqual([
      '2026-10-24T22:00:00Z/2026-10-25T05:00:00Z',
    ]);
  });

  it('on the Berlin fall-back night a range ending in the repeated hour ends at its first pass', () => {
    const rep = staff('Europe/Berlin', everyDay('01:00', '02:30'));
    expect(show(expandAvailability(rep, window('2026-10-24T22:00:00Z', '2026-10-25T22:00:00Z')))).toEqual([
      '2026-10-24T23:00:00Z/2026-10-25T00:30:00Z',
    ]);
  });

  it('on the New York changes (2026-03-08 and 2026-11-01) a 00:00–06:00 rule covers 5 and 7 real hours', () => {
    const rep = staff('America/New_York', everyDay('00:00', '06:00'));
    expect(show(expandAvailability(rep, window('2026-03-08T05:00:00Z', '2026-03-08T20:00:00Z')))).toEqual([
      '2026-03-08T05:00:00Z/2026-03-08T10:00:00Z',
    ]);
    expect(show(expandAvailability(rep, window('2026-11-01T04:00:00Z', '2026-11-01T20:00:00Z')))).toEqual([
      '2026-11-01T04:00:00Z/2026-11-01T11:00:00Z',
    ]);
  });

  it('keeps a 09:00–17:00 Shanghai rule at 01:00–09:00 UTC in January and July (no DST)', () => {
    const rep = staff('Asia/Shanghai', everyDay('09:00', '17:00'));
    expect(show(expandAvailability(rep, window('2026-01-14T00:00:00Z', '2026-01-15T00:00:00Z')))).toEqual([
      '2026-01-14T01:00:00Z/2026-01-14T09:00:00Z',
    ]);
    expect(show(expandAvailability(rep, window('2026-07-15T00:00:00Z', '2026-07-16T00:00:00Z')))).toEqual([
      '2026-07-15T01:00:00Z/2026-07-15T09:00:00Z',
    ]);
  });

  it('takes a date exception with no ranges as a day off and one with ranges as that day’s replacement', () => {
    const rep = staff('Europe/Berlin', everyDay('09:00', '17:00'), {
      exceptions: [
        { date: '2026-01-14', ranges: [] },
        {
          date: '2026-01-15',
          ranges: [
            { start: '13:00', end: '14:00' },
            { start: '10:00', end: '11:00' },
          ],
        },
      ],
    });
    expect(show(expandAvailability(rep, window('2026-01-13T00:00:00Z', '2026-01-17T00:00:00Z')))).toEqual([
      '2026-01-13T08:00:00Z/2026-01-13T16:00:00Z',
      '2026-01-15T09:00:00Z/2026-01-15T10:00:00Z',
      '2026-01-15T12:00:00Z/2026-01-15T13:00:00Z',
      '2026-01-16T08:00:00Z/2026-01-16T16:00:00Z',
    ]);
  });

  it('reads an exception date in the staff member’s zone, not in UTC', () => {
    const sydney = staff('Australia/Sydney', everyDay('09:00', '10:00'), { exceptions: [{ date: '2026-01-15', ranges: [] }] });
    expect(show(expandAvailability(sydney, window('2026-01-13T00:00:00Z', '2026-01-16T00:00:00Z')))).toEqual([
      '2026-01-13T22:00:00Z/2026-01-13T23:00:00Z',
      '2026-01-15T22:00:00Z/2026-01-15T23:00:00Z',
    ]);
  });

  it('refuses a window whose end is not after its start', () => {
    const rep = staff('UTC', everyDay('09:00', '10:00'));
    expect(() => expandAvailability(rep, window('2026-01-14T00:00:00Z', '2026-01-14T00:00:00Z'))).toThrow(badRequestAt('window.to'));
  });
});

describe('validateAvailability()', () => {
  it('accepts touching rules and returns the zone in canonical casing', () => {
    const rep = staff('europe/berlin', [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '17:00' },
    ]);
    expect(validateAvailability(rep).zone).toBe('Europe/Berlin');
  });

  it('rejects an unknown zone with BAD_REQUEST on "zone"', () => {
    expect(() => validateAvailability(staff('Europe/Atlantis', everyDay('09:00', '17:00')))).toThrow(badRequestAt('zone'));
  });

  it('rejects overlapping rules on one weekday, naming the later one', () => {
    const rep = staff('Europe/Berlin', [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '11:30', end: '13:00' },
      { weekday: 3, start: '11:30', end: '13:00' },
    ]);
    expect(() => validateAvailability(rep)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', details: [{ path: 'weekly.1', message: 'overlaps weekly.0', code: 'overlap' }] }),
    );
  });

  it('rejects an end that is not after its start, a bad time and a bad weekday', () => {
    const rep = staff('Europe/Berlin', [
      { weekday: 1, start: '12:00', end: '12:00' },
      { weekday: 2, start: '9:00', end: '12:00' },
      { weekday: 8 as Weekday, start: '09:00', end: '12:00' },
    ]);
    expect(() => validateAvailability(rep)).toThrow(badRequestAt('weekly.0.end', 'weekly.1.start', 'weekly.2.weekday'));
  });

  it('rejects meeting lengths outside 5–240 minutes and a buffer outside 0–120 minutes', () => {
    const rep = staff('Europe/Berlin', everyDay('09:00', '17:00'), { meetingLengths: [4, 30, 241], bufferMinutes: 121 });
    expect(() => validateAvailability(rep)).toThrow(badRequestAt('meetingLengths.0', 'meetingLengths.2', 'bufferMinutes'));
    const noLengths = { ...rep, meetingLengths: [], bufferMinutes: 120 };
    expect(() => validateAvailability(noLengths)).toThrow(badRequestAt('meetingLengths'));
    expect(validateAvailability({ ...rep, meetingLengths: [5, 240], bufferMinutes: 0 }).meetingLengths).toEqual([5, 240]);
  });

  it('rejects duplicate exception dates, impossible dates and overlapping exception ranges', () => {
    const rep = staff('Europe/Berlin', everyDay('09:00', '17:00'), {
      exceptions: [
        { date: '2026-01-14', ranges: [] },
        { date: '2026-01-14', ranges: [] },
        { date: '2026-02-30', ranges: [] },
        {
          date: '2026-01-20',
          ranges: [
            { start: '09:00', end: '11:00' },
            { start: '10:00', end: '12:00' },
          ],
        },
      ],
    });
    expect(() => validateAvailability(rep)).toThrow(badRequestAt('exceptions.1.date', 'exceptions.2.date', 'exceptions.3.ranges.1'));
  });
});
