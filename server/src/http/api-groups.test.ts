import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, AvailabilityDto, Booth, ExpoEvent, JoinResponse, SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;

describe('small-group meetings', () => {
  let platform: Platform;
  let booth: Booth;
  let anna: ApiClient;
  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
    booth = booths.find((b) => b.organisation === 'Berliner Robotik')!;
    anna = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.50' });
    const staffId = booth.staff[0]!.id;
    const current = (await anna.get<AvailabilityDto>(`/api/staff/${staffId}/availability`)).body;
    expectStatus(await anna.put(`/api/staff/${staffId}/availability`, { ...current, groupSize: 3 }), 200, 'set group size');
  });
  afterAll(() => platform.close());

  const slotsOf = async (client: ApiClient) => {
    const from = Date.now() + DAY;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString(), length: '30' });
    return expectStatus(await client.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200, 'slots').body.slots;
  };

  it('seats three guests in one meeting, refuses the fourth, and gives all three the same meeting room', async () => {
    const guests = await Promise.all(
      [1, 2, 3, 4].map((i) => registerGuest(platform.url, { timeZone: 'Asia/Tokyo', name: `Group guest ${i}` }, { forwardedFor: `203.0.113.${i}` })),
    );
    const [first] = await slotsOf(guests[0]!);
    expect(first!.seatsLeft).toBe(3);
    const results = await Promise.all(
      guests.map((g) => g.post<Appointment>('/api/appointments', { boothId: booth.id, start: first!.start, lengthMinutes: 30 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409]);

    // The time stays listed while seats are left, and goes once full.
    const after = await slotsOf(guests[0]!);
    expect(after.find((s) => s.start === first!.start)).toBeUndefined();

    const booked = results.filter((r) => r.status === 201).map((r) => r.body);
    for (const appointment of booked) {
      expectStatus(await anna.patch(`/api/appointments/${appointment.id}`, { action: 'confirm' }), 200, 'confirm');
    }
    await setServerClock(platform.url, Date.parse(first!.start) - 5 * 60_000);
    const rooms = new Set<string>();
    for (const [i, res] of results.entries()) {
      if (res.status !== 201) continue;
      const join = expectStatus(await guests[i]!.post<JoinResponse>(`/api/appointments/${res.body.id}/join`, {}), 200, 'join');
      rooms.add(join.body.roomId);
    }
    const hostJoin = expectStatus(await anna.post<JoinResponse>(`/api/appointments/${booked[0]!.id}/join`, {}), 200, 'host join');
    rooms.add(hostJoin.body.roomId);
    expect(rooms.size).toBe(1);
    await setServerClock(platform.url, Date.now());
  });

  it('offers the same time to a second guest with the seats left, and not a time overlapping the group meeting', async () => {
    const [a, b] = await Promise.all(
      [5, 6].map((i) => registerGuest(platform.url, { timeZone: 'Europe/London', name: `Guest ${i}` }, { forwardedFor: `203.0.113.${i}` })),
    );
    const slots = await slotsOf(a!);
    const target = slots.at(-1)!;
    expectStatus(await a!.post('/api/appointments', { boothId: booth.id, start: target.start, lengthMinutes: 30 }), 201, 'first seat');
    const seen = (await slotsOf(b!)).find((s) => s.start === target.start);
    expect(seen?.seatsLeft).toBe(2);
    const overlapping = new Date(Date.parse(target.start) - 15 * 60_000).toISOString();
    const res = await b!.post('/api/appointments', { boothId: booth.id, start: overlapping, lengthMinutes: 30 });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
