import { describe, expect, it } from 'vitest';
import { busyWithout, groupMeetings, mergeSlots, withSeatsLeft } from './groups.js';
import { computeSlots } from './slots.js';
import type { Weekday } from './time.js';

const H = 3_600_000;
const day = Date.parse('2027-06-07T00:00:00Z'); // a Monday
const rule = { weekday: 1 as Weekday, start: '09:00', end: '12:00' };
const availability = [{ staffId: 'a', zone: 'UTC', weekly: [rule], meetingLengths: [60] }];
const slotsWith = (busy: { staffId: string; start: number; end: number }[]) =>
  computeSlots({
    availability,
    meetingMinutes: 60,
    window: { from: day, to: day + 24 * H },
    eventWindow: { startDate: '2027-06-01', endDate: '2027-06-30', zone: 'UTC' },
    busy,
    now: day - 24 * H,
    guestZone: 'UTC',
  });

describe('group meetings (capacity)', () => {
  it('counts the guests booked at one exact time per staff member', () => {
    const at9 = { staffId: 'a', start: day + 9 * H, end: day + 10 * H };
    const groups = groupMeetings([at9, at9, { ...at9, staffId: 'b' }], (id) => (id === 'a' ? 3 : 1));
    expect(groups).toEqual([
      { ...at9, guests: 2, capacity: 3 },
      { ...at9, staffId: 'b', guests: 1, capacity: 1 },
    ]);
    expect(withSeatsLeft(groups)).toEqual([{ ...at9, guests: 2, capacity: 3 }]);
  });

  it('a one-to-one meeting has no seat left; a group of 3 with 2 guests has one, and a full one has none', () => {
    const at9 = { staffId: 'a', start: day + 9 * H, end: day + 10 * H };
    expect(withSeatsLeft(groupMeetings([at9], () => 1))).toEqual([]);
    expect(withSeatsLeft(groupMeetings([at9, at9], () => 3))).toHaveLength(1);
    expect(withSeatsLeft(groupMeetings([at9, at9, at9], () => 3))).toEqual([]);
  });

  it('offers the exact time of a group meeting with seats again, while times overlapping it stay busy', () => {
    const at10 = { staffId: 'a', start: day + 10 * H, end: day + 11 * H };
    const busy = [at10];
    const base = slotsWith(busy);
    expect(base.map((s) => (s.start - day) / H)).toEqual([9, 11]);
    const [group] = withSeatsLeft(groupMeetings(busy, () => 4));
    const again = slotsWith(busyWithout(busy, group!)).filter((s) => s.start === group!.start);
    const merged = mergeSlots(base, again);
    expect(merged.map((s) => (s.start - day) / H)).toEqual([9, 10, 11]);
  });

  it('merges a slot offered by two staff members into one with both listed', () => {
    const [slot] = slotsWith([]);
    const other = { ...slot!, staffIds: ['b'], staffLocal: { b: slot!.staffLocal['a']! } };
    const merged = mergeSlots([slot!], [other]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.staffIds).toEqual(['a', 'b']);
  });
});
