import { describe, expect, it } from 'vitest';
import { computeSlots } from './slots.js';
import type { Weekday } from './time.js';
import { wallClockOf } from '../test-support/intl.js';

const wallClock = (instant: number, zone: string) => {
  const { date, time } = wallClockOf(instant, zone);
  return { date, time };
};

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Sydney'];

/** Weeks around both 2027 transitions of the zones above (EU, US, Sydney). */
const WEEKS = [
  { name: 'US spring (2027-03-14)', from: '2027-03-10', to: '2027-03-17' },
  { name: 'EU spring (2027-03-28)', from: '2027-03-25', to: '2027-04-01' },
  { name: 'Sydney autumn (2027-04-04)', from: '2027-04-01', to: '2027-04-07' },
  { name: 'Sydney spring (2027-10-03)', from: '2027-09-30', to: '2027-10-06' },
  { name: 'EU autumn (2027-10-31)', from: '2027-10-28', to: '2027-11-04' },
  { name: 'US autumn (2027-11-07)', from: '2027-11-04', to: '2027-11-10' },
];

const everyDay = ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));

describe('slots across both 2027 DST transitions, for every pair of zones', () => {
  for (const week of WEEKS) {
    for (const staffZone of ZONES) {
      for (const guestZone of ZONES) {
        if (staffZone === guestZone) continue;
        it(`${week.name}: a 09:00–17:00 rule in ${staffZone} seen from ${guestZone} agrees with the tz database`, () => {
          const from = Date.parse(`${week.from}T00:00:00Z`) - 86_400_000;
          const to = Date.parse(`${week.to}T00:00:00Z`) + 86_400_000;
          const slots = computeSlots({
            availability: [{ staffId: 's', zone: staffZone, weekly: everyDay, meetingLengths: [60] }],
            meetingMinutes: 60,
            window: { from, to },
            eventWindow: { startDate: '2027-01-01', endDate: '2027-12-31', zone: 'UTC' },
            now: Date.parse('2027-01-01T00:00:00Z'),
            minNoticeMinutes: 0,
            guestZone,
          });
          // Eight one-hour slots per local day of the staff member, every day of the window.
          const byStaffDay = new Map<string, string[]>();
          for (const slot of slots) {
            const staff = wallClock(slot.start, staffZone);
            const guest = wallClock(slot.start, guestZone);
            expect(slot.staffLocal['s']).toMatchObject(staff);
            expect(slot.guestLocal).toMatchObject(guest);
            expect(slot.end - slot.start).toBe(3_600_000);
            byStaffDay.set(staff.date, [...(byStaffDay.get(staff.date) ?? []), staff.time]);
          }
          const fullDays = [...byStaffDay.values()].filter((times) => times.length === 8);
          expect(fullDays.length).toBeGreaterThanOrEqual(6);
          for (const times of fullDays) {
            expect(times).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
          }
        });
      }
    }
  }
});
