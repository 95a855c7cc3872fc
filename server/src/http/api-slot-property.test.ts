import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityDto, Booth, ExpoEvent, Slot, SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, expectStatus, registerGuest, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Zones with unusual offsets and DST rules: quarter hours, half-hour DST, +13:45, a DST of two hours, none. */
const ZONES = [
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Antarctica/Troll',
  'Asia/Tehran',
  'Pacific/Kiritimati',
  'America/Santiago',
  'Africa/Casablanca',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('what a guest sees is what they can book (property test through the HTTP API)', () => {
  let platform: Platform;
  let anna: ApiClient;
  let booth: Booth;
  let staffId: string;
  let eventStart: number;
  let eventEnd: number;
  let run = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths.find((b) => b.organisation === 'Berliner Robotik')!;
    staffId = booth.staff[0]!.id;
    anna = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.70' });
    eventStart = Math.max(Date.parse(`${event!.startsOn}T00:00:00Z`), Date.now() + DAY);
    eventEnd = Date.parse(`${event!.endsOn}T00:00:00Z`) + DAY;
  });
  afterAll(() => platform?.close());

  const slots = async (client: ApiClient, from: number, to: number, length: number, zone: string): Promise<Slot[]> => {
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), length: String(length), zone });
    return expectStatus(await client.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200, 'slots').body.slots;
  };

  it('lists the same grid whatever window it is asked with, and every listed slot books', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          staffZone: fc.constantFrom(...ZONES),
          guestZone: fc.constantFrom(...ZONES),
          startMinute: fc.integer({ min: 0, max: 16 * 60 }).map((m) => m - (m % 5)),
          spanMinutes: fc.integer({ min: 90, max: 6 * 60 }).map((m) => m - (m % 5)),
          length: fc.constantFrom(15, 20, 30, 45, 60),
          weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 7 }),
          fromOffsetMinutes: fc.integer({ min: 0, max: 6 * 24 * 60 }),
          windowDays: fc.integer({ min: 1, max: 7 }),
          shiftMinutes: fc.integer({ min: 1, max: 11 * 60 }),
          pick: fc.nat(),
        }),
        async (p) => {
          const end = Math.min(p.startMinute + p.spanMinutes, 23 * 60 + 55);
          const availability: AvailabilityDto = {
            timeZone: p.staffZone,
            weekly: p.weekdays.map((weekday) => ({ weekday, start: hhmm(p.startMinute), end: hhmm(end) })),
            exceptions: [],
            bufferMinutes: 0,
            meetingLengths: [p.length],
            groupSize: 1,
          };
          expectStatus(await anna.put(`/api/staff/${staffId}/availability`, availability), 200, 'availability');
          const from = eventStart + p.fromOffsetMinutes * MINUTE;
          const to = Math.min(from + p.windowDays * DAY, eventEnd);
          if (to <= from) return;
          const anon = new ApiClient(platform.url);
          const listed = await slots(anon, from, to, p.length, p.guestZone);
          // The same grid from a window starting elsewhere: the slots both windows hold are the same.
          const shifted = await slots(anon, from + p.shiftMinutes * MINUTE, to + p.shiftMinutes * MINUTE, p.length, p.guestZone);
          const inBoth = (s: Slot) => Date.parse(s.start) >= from + p.shiftMinutes * MINUTE && Date.parse(s.end) <= to;
          expect(shifted.filter(inBoth).map((s) => s.start)).toEqual(listed.filter(inBoth).map((s) => s.start));
          if (listed.length === 0) return;
          const chosen = listed[p.pick % listed.length]!;
          run += 1;
          const guest = await registerGuest(
            platform.url,
            { timeZone: p.guestZone, name: `Property guest ${run}` },
            { forwardedFor: `198.51.100.${run % 250}` },
          );
          const booked = await guest.post<{ start: string; status: string }>('/api/appointments', {
            boothId: booth.id,
            start: chosen.start,
            lengthMinutes: p.length,
            guestZone: p.guestZone,
          });
          expect(booked.status, `${chosen.start} (${p.staffZone} rep, ${p.guestZone} guest): ${JSON.stringify(booked.body)}`).toBe(201);
          expect(booked.body.start).toBe(chosen.start);
          // Booked, it is no longer offered (one rep, one guest per meeting).
          expect((await slots(anon, from, to, p.length, p.guestZone)).map((s) => s.start)).not.toContain(chosen.start);
        },
      ),
      { numRuns: 15 },
    );
    // Not vacuous: most runs found slots and booked one.
    expect(run).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
