import { describe, expect, it } from 'vitest';
import type { Availability, WeeklyRule } from './availability.js';
import { computeSlots, type ComputeSlotsOptions, type Slot } from './slots.js';
import { formatInstant, parseInstant, type Weekday } from './time.js';

const at = (iso: string) => parseInstant(iso);
const starts = (slots: Slot[]) => slots.map((s) => formatInstant(s.start));
const ALL_WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const everyDay = (start: string, end: string): WeeklyRule[] => ALL_WEEK.map((weekday) => ({ weekday, start, end }));
const rep = (staffId: string, zone: string, weekly: WeeklyRule[], extra: Partial<Availability> = {}): Availability => ({
  staffId,
  zone,
  weekly,
  meetingLengths: [15, 30, 60],
  ...extra,
});
/** Wednesday 2026-01-14 in Berlin (CET, UTC+1). */
const wednesday = (start: string, end: string): WeeklyRule[] => [{ weekday: 3, start, end }];

function query(overrides: Partial<ComputeSlotsOptions>): ComputeSlotsOptions {
  return {
    availability: [],
    meetingMinutes: 30,
    window: { from: at('2026-01-14T00:00:00Z'), to: at('2026-01-15T00:00:00Z') },
    eventWindow: { startDate: '2026-01-01', endDate: '2026-12-31', zone: 'UTC' },
    now: at('2026-01-01T00:00:00Z'),
    guestZone: 'Europe/Berlin',
    ...overrides,
  };
}
const badRequestAt = (path: string) =>
  expect.objectContaining({ name: 'AppError', code: 'BAD_REQUEST', details: [expect.objectContaining({ path })] });

describe('computeSlots() basics', () => {
  it('cuts a Berlin 09:00–12:00 range into 60-minute slots from its start, with end = start + length', () => {
    const staff = [rep('a', 'Europe/Berlin', wednesday('09:00', '12:00'))];
    const slots = computeSlots(query({ availability: staff, meetingMinutes: 60 }));
    expect(slots.map((s) => [formatInstant(s.start), formatInstant(s.end), s.staffIds, s.guestLocal.time])).toEqual([
      ['2026-01-14T08:00:00Z', '2026-01-14T09:00:00Z', ['a'], '09:00'],
      ['2026-01-14T09:00:00Z', '2026-01-14T10:00:00Z', ['a'], '10:00'],
      ['2026-01-14T10:00:00Z', '2026-01-14T11:00:00Z', ['a'], '11:00'],
    ]);
  });

  it('aligns slots to the start of the availability range, not to the window or the hour', () => {
    const staff = [rep('a', 'Europe/Berlin', wednesday('09:10', '10:30'))];
    expect(starts(computeSlots(query({ availability: staff })))).toEqual(['2026-01-14T08:10:00Z', '2026-01-14T08:40:00Z']);
    const later = { from: at('2026-01-14T08:20:00Z'), to: at('2026-01-15T00:00:00Z') };
    expect(starts(computeSlots(query({ availability: staff, window: later })))).toEqual(['2026-01-14T08:40:00Z']);
  });

  it('steps by stepMinutes when it differs from the meeting length', () => {
    const staff = [rep('a', 'Europe/Berlin', wednesday('09:00', '10:00'))];
    expect(starts(computeSlots(query({ availability: staff, stepMinutes: 15 })))).toEqual([
      '2026-01-14T08:00:00Z',
      '2026-01-14T08:15:00Z',
      '2026-01-14T08:30:00Z',
    ]);
  });

  it('only offers staff members who offer the meeting length, and refuses a length nobody offers', () => {
    const staff = [
      rep('thirty', 'Europe/Berlin', wednesday('09:00', '10:00'), { meetingLengths: [30] }),
      rep('fifteen', 'Europe/Berlin', wednesday('11:00', '11:30'), { meetingLengths: [15] }),
    ];
    const slots = computeSlots(query({ availability: staff, meetingMinutes: 15 }));
    expect(slots.map((s) => [formatInstant(s.start), s.staffIds])).toEqual([
      ['2026-01-14T10:00:00Z', ['fifteen']],
      ['2026-01-14T10:15:00Z', ['fifteen']],
    ]);
    expect(() => computeSlots(query({ availability: staff, meetingMinutes: 45 }))).toThrow(badRequestAt('meetingMinutes'));
  });
});

describe('computeSlots() never offers unusable time', () => {
  const staff = [rep('a', 'Europe/Berlin', wednesday('09:00', '12:00'), { bufferMinutes: 10 })];

  it('keeps the buffer around busy time: a 10:00–10:30 meeting with a 10-minute buffer blocks 09:50–10:40', () => {
    const busy = [{ staffId: 'a', start: at('2026-01-14T09:00:00Z'), end: at('2026-01-14T09:30:00Z') }];
    expect(starts(computeSlots(query({ availability: staff, busy })))).toEqual([
      '2026-01-14T08:00:00Z',
      '2026-01-14T10:00:00Z',
      '2026-01-14T10:30:00Z',
    ]);
    const noBuffer = [{ ...staff[0]!, bufferMinutes: 0 }];
    expect(starts(computeSlots(query({ availability: noBuffer, busy })))).toEqual([
      '2026-01-14T08:00:00Z',
      '2026-01-14T08:30:00Z',
      '2026-01-14T09:30:00Z',
      '2026-01-14T10:00:00Z',
      '2026-01-14T10:30:00Z',
    ]);
  });

  it('ignores busy time of other staff members', () => {
    const busy = [{ staffId: 'someone-else', start: at('2026-01-14T08:00:00Z'), end: at('2026-01-14T11:00:00Z') }];
    expect(computeSlots(query({ availability: staff, busy }))).toHaveLength(6);
  });

  it('starts no sooner than the minimum notice (60 minutes by default) after now', () => {
    const first = (now: string, minNoticeMinutes?: number) => starts(computeSlots(query({ availability: staff, now: at(now), minNoticeMinutes })))[0];
    expect(first('2026-01-14T07:30:00Z')).toBe('2026-01-14T08:30:00Z');
    expect(first('2026-01-14T07:00:00Z')).toBe('2026-01-14T08:00:00Z');
    expect(first('2026-01-14T07:30:00Z', 0)).toBe('2026-01-14T08:00:00Z');
    expect(first('2026-01-14T07:00:00Z', 120)).toBe('2026-01-14T09:00:00Z');
  });

  it('never offers a slot in the past, and keeps the grid when now falls inside a range', () => {
    const slots = computeSlots(query({ availability: staff, now: at('2026-01-14T09:10:00Z'), minNoticeMinutes: 0 }));
    expect(starts(slots)).toEqual(['2026-01-14T09:30:00Z', '2026-01-14T10:00:00Z', '2026-01-14T10:30:00Z']);
  });

  it('keeps to the event dates read in the event’s zone (New York, 14–15 January) for Tokyo staff', () => {
    const tokyo = [rep('t', 'Asia/Tokyo', everyDay('09:00', '17:00'))];
    const slots = computeSlots(
      query({
        availability: tokyo,
        meetingMinutes: 60,
        window: { from: at('2026-01-13T00:00:00Z'), to: at('2026-01-18T00:00:00Z') },
        eventWindow: { startDate: '2026-01-14', endDate: '2026-01-15', zone: 'America/New_York' },
      }),
    );
    expect(slots).toHaveLength(3 + 8 + 5);
    expect([starts(slots)[0], starts(slots).at(-1)]).toEqual(['2026-01-14T05:00:00Z', '2026-01-16T04:00:00Z']);
  });

  it('returns nothing when the window lies after the event', () => {
    const slots = computeSlots(
      query({ availability: staff, eventWindow: { startDate: '2026-01-10', endDate: '2026-01-13', zone: 'Europe/Berlin' } }),
    );
    expect(slots).toEqual([]);
  });
});

describe('computeSlots() for any available rep', () => {
  it('takes the union over staff and lists who is free for each slot', () => {
    const staff = [rep('a', 'Europe/Berlin', wednesday('09:00', '13:00')), rep('b', 'Europe/Berlin', wednesday('11:00', '15:00'))];
    const busy = [{ staffId: 'a', start: at('2026-01-14T10:00:00Z'), end: at('2026-01-14T11:00:00Z') }];
    const slots = computeSlots(query({ availability: staff, busy, meetingMinutes: 60 }));
    expect(slots.map((s) => [formatInstant(s.start), s.staffIds])).toEqual([
      ['2026-01-14T08:00:00Z', ['a']],
      ['2026-01-14T09:00:00Z', ['a']],
      ['2026-01-14T10:00:00Z', ['b']],
      ['2026-01-14T11:00:00Z', ['a', 'b']],
      ['2026-01-14T12:00:00Z', ['b']],
      ['2026-01-14T13:00:00Z', ['b']],
    ]);
  });

  it('lists a rep on a slot from another rep’s grid when they are free for it (Berlin and Kolkata half-hour grids)', () => {
    const staff = [rep('a', 'Europe/Berlin', wednesday('09:00', '13:00')), rep('c', 'Asia/Kolkata', wednesday('14:00', '16:00'))];
    const slots = computeSlots(query({ availability: staff, meetingMinutes: 60 }));
    expect(slots.map((s) => [formatInstant(s.start), s.staffIds])).toEqual([
      ['2026-01-14T08:00:00Z', ['a']],
      ['2026-01-14T08:30:00Z', ['a', 'c']],
      ['2026-01-14T09:00:00Z', ['a', 'c']],
      ['2026-01-14T09:30:00Z', ['a', 'c']],
      ['2026-01-14T10:00:00Z', ['a']],
      ['2026-01-14T11:00:00Z', ['a']],
    ]);
    expect(slots[1]?.staffLocal).toMatchObject({
      a: { time: '09:30', offset: '+01:00' },
      c: { time: '14:00', offset: '+05:30' },
    });
  });
});

describe('computeSlots() input checks', () => {
  const staff = [rep('a', 'Europe/Berlin', wednesday('09:00', '12:00'))];

  it('rejects an unknown guest zone or staff zone with BAD_REQUEST', () => {
    const moon = query({ availability: staff, guestZone: 'Moon/Tranquility' });
    expect(() => computeSlots(moon)).toThrow(badRequestAt('guestZone'));
    const lost = [rep('a', 'Nowhere/Land', wednesday('09:00', '12:00'))];
    expect(() => computeSlots(query({ availability: lost }))).toThrow(badRequestAt('zone'));
  });

  it('rejects a meeting length outside 5–240, a window over 92 days and a staff member listed twice', () => {
    expect(() => computeSlots(query({ availability: staff, meetingMinutes: 3 }))).toThrow(badRequestAt('meetingMinutes'));
    const long = { from: at('2026-01-01T00:00:00Z'), to: at('2026-04-03T00:00:01Z') };
    expect(() => computeSlots(query({ availability: staff, window: long }))).toThrow(badRequestAt('window'));
    expect(() => computeSlots(query({ availability: [...staff, ...staff] }))).toThrow(badRequestAt('availability.1.staffId'));
  });
});
