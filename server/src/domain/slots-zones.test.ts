import { describe, expect, it } from 'vitest';
import type { Availability, WeeklyRule } from './availability.js';
import { computeSlots, type ComputeSlotsOptions, type Slot } from './slots.js';
import { formatInstant, parseInstant, type Weekday } from './time.js';

const at = (iso: string) => parseInstant(iso);
const ALL_WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const everyDay = (start: string, end: string): WeeklyRule[] => ALL_WEEK.map((weekday) => ({ weekday, start, end }));
const rep = (staffId: string, zone: string, start = '09:00', end = '17:00'): Availability => ({
  staffId,
  zone,
  weekly: everyDay(start, end),
  meetingLengths: [30, 60],
});

/** Slots of one UTC day (the date of `day`), booked at `now`, 60 minutes unless said otherwise. */
function slotsOn(day: string, overrides: Partial<ComputeSlotsOptions>): Slot[] {
  const from = at(`${day}T00:00:00Z`);
  return computeSlots({
    availability: [],
    meetingMinutes: 60,
    window: { from, to: from + 24 * 3_600_000 },
    eventWindow: { startDate: '2026-01-01', endDate: '2026-12-31', zone: 'UTC' },
    now: at('2026-01-01T00:00:00Z'),
    guestZone: 'UTC',
    ...overrides,
  });
}
const first = (slots: Slot[]): Slot => {
  const slot = slots[0];
  if (!slot) throw new Error('expected at least one slot');
  return slot;
};

describe('Berlin staff and a New York guest', () => {
  const berlin = { availability: [rep('berlin-rep', 'Europe/Berlin')], guestZone: 'America/New_York' };
  const opening = (day: string) => {
    const slot = first(slotsOn(day, berlin));
    return [formatInstant(slot.start), slot.staffLocal['berlin-rep']?.time, slot.guestLocal.time, slot.guestLocal.offset];
  };

  it('see Berlin 09:00 at 03:00 in New York while both are on winter time', () => {
    expect(opening('2026-03-04')).toEqual(['2026-03-04T08:00:00Z', '09:00', '03:00', '-05:00']);
    expect(opening('2026-11-04')).toEqual(['2026-11-04T08:00:00Z', '09:00', '03:00', '-05:00']);
  });

  it('see a 5-hour gap, not 6, between the US change on 2026-03-08 and the EU change on 2026-03-29', () => {
    expect(opening('2026-03-18')).toEqual(['2026-03-18T08:00:00Z', '09:00', '04:00', '-04:00']);
  });

  it('see a 5-hour gap again between the EU change on 2026-10-25 and the US change on 2026-11-01', () => {
    expect(opening('2026-10-28')).toEqual(['2026-10-28T08:00:00Z', '09:00', '04:00', '-04:00']);
  });

  it('see the 6-hour gap on summer time, with the Berlin rule at 07:00 UTC', () => {
    expect(opening('2026-04-01')).toEqual(['2026-04-01T07:00:00Z', '09:00', '03:00', '-04:00']);
    expect(opening('2026-10-21')).toEqual(['2026-10-21T07:00:00Z', '09:00', '03:00', '-04:00']);
  });
});

describe('DST warnings', () => {
  const berlinForNewYork = { availability: [rep('berlin-rep', 'Europe/Berlin')], guestZone: 'America/New_York' };
  const newYorkSpring = {
    zone: 'America/New_York',
    at: at('2026-03-08T07:00:00Z'),
    offsetBeforeMinutes: -300,
    offsetAfterMinutes: -240,
    forGuest: true,
    staffIds: [],
  };

  it('are absent when no zone involved changes between now and the slot', () => {
    const slots = slotsOn('2026-03-04', { ...berlinForNewYork, now: at('2026-03-01T12:00:00Z') });
    expect(slots).toHaveLength(8);
    expect(slots.every((s) => s.dstWarnings === undefined)).toBe(true);
  });

  it('name the guest’s zone when New York changes between now and the slot', () => {
    const slots = slotsOn('2026-03-18', { ...berlinForNewYork, now: at('2026-03-01T12:00:00Z') });
    expect(slots.every((s) => s.dstWarnings?.length === 1)).toBe(true);
    expect(first(slots).dstWarnings).toEqual([newYorkSpring]);
  });

  it('name both zones, in order of the change, when New York and Berlin both change before the slot', () => {
    const slot = first(slotsOn('2026-04-01', { ...berlinForNewYork, now: at('2026-03-01T12:00:00Z') }));
    expect(slot.dstWarnings).toEqual([
      newYorkSpring,
      {
        zone: 'Europe/Berlin',
        at: at('2026-03-29T01:00:00Z'),
        offsetBeforeMinutes: 60,
        offsetAfterMinutes: 120,
        forGuest: false,
        staffIds: ['berlin-rep'],
      },
    ]);
  });

  it('are absent once the change lies before now', () => {
    const slots = slotsOn('2026-03-18', { ...berlinForNewYork, now: at('2026-03-09T00:00:00Z') });
    expect(slots.some((s) => s.dstWarnings !== undefined)).toBe(false);
  });

  it('cover a change during or at the start of the meeting but not one at the instant it ends', () => {
    const night = {
      availability: [rep('rep', 'Europe/Berlin', '00:00', '04:00')],
      guestZone: 'Europe/Berlin',
      stepMinutes: 30,
    };
    const window = { from: at('2026-03-28T22:00:00Z'), to: at('2026-03-29T12:00:00Z') };
    const slots = slotsOn('2026-03-28', { ...night, window, now: at('2026-03-28T12:00:00Z') });
    expect(slots.map((s) => [formatInstant(s.start), s.guestLocal.time, s.dstWarnings?.[0]?.staffIds])).toEqual([
      ['2026-03-28T23:00:00Z', '00:00', undefined],
      ['2026-03-28T23:30:00Z', '00:30', undefined],
      ['2026-03-29T00:00:00Z', '01:00', undefined],
      ['2026-03-29T00:30:00Z', '01:30', ['rep']],
      ['2026-03-29T01:00:00Z', '03:00', ['rep']],
    ]);
  });

  it('name only the Los Angeles guest when Shanghai staff (no DST) meet across the US change', () => {
    const shanghai = {
      availability: [rep('sh', 'Asia/Shanghai')],
      guestZone: 'America/Los_Angeles',
      now: at('2026-03-01T00:00:00Z'),
    };
    expect(first(slotsOn('2026-03-11', shanghai)).dstWarnings).toEqual([
      {
        zone: 'America/Los_Angeles',
        at: at('2026-03-08T10:00:00Z'),
        offsetBeforeMinutes: -480,
        offsetAfterMinutes: -420,
        forGuest: true,
        staffIds: [],
      },
    ]);
  });
});

describe('Berlin DST nights', () => {
  const night = { availability: [rep('rep', 'Europe/Berlin', '00:00', '04:00')], guestZone: 'Europe/Berlin' };
  const local = (s: Slot) => `${s.guestLocal.time}${s.guestLocal.offset}`;

  it('skip the missing hour on the spring-forward night: 00:00, 01:00, then 03:00', () => {
    const window = { from: at('2026-03-28T22:00:00Z'), to: at('2026-03-29T12:00:00Z') };
    expect(slotsOn('2026-03-28', { ...night, window }).map(local)).toEqual(['00:00+01:00', '01:00+01:00', '03:00+02:00']);
  });

  it('offer each real half hour once on the fall-back night: 02:00 and 02:30 once per offset, 5 hours in a 4-hour rule', () => {
    const slots = slotsOn('2026-10-24', {
      ...night,
      meetingMinutes: 30,
      window: { from: at('2026-10-24T20:00:00Z'), to: at('2026-10-25T12:00:00Z') },
    });
    expect(slots.map(local)).toEqual([
      '00:00+02:00',
      '00:30+02:00',
      '01:00+02:00',
      '01:30+02:00',
      '02:00+02:00',
      '02:30+02:00',
      '02:00+01:00',
      '02:30+01:00',
      '03:00+01:00',
      '03:30+01:00',
    ]);
    expect(new Set(slots.map((s) => s.start)).size).toBe(10);
    expect([formatInstant(first(slots).start), formatInstant(slots.at(-1)?.end ?? 0)]).toEqual(['2026-10-24T22:00:00Z', '2026-10-25T03:00:00Z']);
  });
});

describe('Shanghai staff and a Los Angeles guest', () => {
  const shanghai = { availability: [rep('sh', 'Asia/Shanghai')], guestZone: 'America/Los_Angeles' };

  it('keep Shanghai 09:00 at 01:00 UTC all year while the guest sees 17:00 PST in January and 18:00 PDT in July', () => {
    const january = first(slotsOn('2026-01-14', shanghai));
    const july = first(slotsOn('2026-07-15', shanghai));
    const view = (s: Slot) => [formatInstant(s.start), s.guestLocal.date, s.guestLocal.time];
    expect(view(january)).toEqual(['2026-01-14T01:00:00Z', '2026-01-13', '17:00']);
    expect(view(july)).toEqual(['2026-07-15T01:00:00Z', '2026-07-14', '18:00']);
  });

  it('mark slots reaching past 20:00 for the guest as night, one hour earlier in UTC in summer', () => {
    const nights = (day: string) => slotsOn(day, shanghai).map((s) => s.nightForGuest);
    expect(nights('2026-01-14')).toEqual([false, false, false, true, true, true, true, true]);
    expect(nights('2026-07-15')).toEqual([false, false, true, true, true, true, true, true]);
  });

  it('score a slot 2 inside both working days and 1 when only the staff member is working', () => {
    const slots = slotsOn('2026-07-15', shanghai);
    expect(slots.map((s) => [s.nightForStaff, s.score, s.preferred])).toEqual([
      [false, 2, true],
      [false, 2, true],
      [false, 1, false],
      [false, 1, false],
      [false, 1, false],
      [false, 1, false],
      [false, 1, false],
      [false, 1, false],
    ]);
  });
});

describe('night marking for staff', () => {
  it('marks an early Shanghai shift as night for the staff member and scores it 0 when the guest is asleep too', () => {
    const early = { availability: [rep('sh', 'Asia/Shanghai', '06:00', '10:00')], guestZone: 'Asia/Shanghai' };
    const window = { from: at('2026-01-13T20:00:00Z'), to: at('2026-01-14T04:00:00Z') };
    const slots = slotsOn('2026-01-13', { ...early, window });
    expect(slots.map((s) => [s.staffLocal['sh']?.time, s.nightForStaff, s.staffAtNight, s.score])).toEqual([
      ['06:00', true, ['sh'], 0],
      ['07:00', true, ['sh'], 0],
      ['08:00', false, [], 2],
      ['09:00', false, [], 2],
    ]);
  });

  it('is night for staff only when it is night for every listed staff member', () => {
    const staff = [rep('sh', 'Asia/Shanghai', '00:00', '24:00'), rep('kol', 'Asia/Kolkata', '00:00', '24:00')];
    const window = { from: at('2026-01-14T02:00:00Z'), to: at('2026-01-14T03:00:00Z') };
    const [slot] = slotsOn('2026-01-14', { availability: staff, window });
    expect([slot?.staffIds, slot?.staffAtNight, slot?.nightForStaff]).toEqual([['kol', 'sh'], ['kol'], false]);
  });
});

describe('a guest in the southern hemisphere or at a half-hour offset', () => {
  const berlinForSydney = { availability: [rep('berlin-rep', 'Europe/Berlin')], guestZone: 'Australia/Sydney' };

  it('sees Berlin 09:00 at 19:00, 18:00 and 17:00 in Sydney as the clocks move the opposite ways in March–April 2026', () => {
    const times = ['2026-03-18', '2026-04-01', '2026-04-08'].map((day) => {
      const slot = first(slotsOn(day, berlinForSydney));
      return [formatInstant(slot.start), slot.guestLocal.time, slot.guestLocal.offset];
    });
    expect(times).toEqual([
      ['2026-03-18T08:00:00Z', '19:00', '+11:00'],
      ['2026-04-01T07:00:00Z', '18:00', '+11:00'],
      ['2026-04-08T07:00:00Z', '17:00', '+10:00'],
    ]);
  });

  it('is warned of Sydney leaving summer time on 2026-04-05 and nothing else', () => {
    const slot = first(slotsOn('2026-04-08', { ...berlinForSydney, now: at('2026-04-01T00:00:00Z') }));
    expect(slot.dstWarnings).toEqual([
      {
        zone: 'Australia/Sydney',
        at: at('2026-04-04T16:00:00Z'),
        offsetBeforeMinutes: 660,
        offsetAfterMinutes: 600,
        forGuest: true,
        staffIds: [],
      },
    ]);
  });

  it('sees Berlin 09:00–17:00 as 12:30–20:30 in Kolkata, with only the last half hour at night', () => {
    const berlin = { availability: [rep('berlin-rep', 'Europe/Berlin')], guestZone: 'Asia/Kolkata', meetingMinutes: 30 };
    const slots = slotsOn('2026-07-15', berlin);
    expect(slots).toHaveLength(16);
    const { time, offset } = first(slots).guestLocal;
    expect([time, offset, slots.at(-1)?.guestLocal.time]).toEqual(['12:30', '+05:30', '20:00']);
    expect(slots.map((s) => s.nightForGuest)).toEqual([...Array<boolean>(15).fill(false), true]);
  });

  it('counts a meeting from 19:30 to 20:30 Kolkata time as night for the guest because of its end', () => {
    const berlin = { availability: [rep('berlin-rep', 'Europe/Berlin')], guestZone: 'Asia/Kolkata', stepMinutes: 30 };
    const slots = slotsOn('2026-07-15', berlin).slice(-2);
    expect(slots.map((s) => [s.guestLocal.time, s.nightForGuest])).toEqual([
      ['19:00', false],
      ['19:30', true],
    ]);
  });
});
