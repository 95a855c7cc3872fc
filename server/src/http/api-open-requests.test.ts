import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type Slot, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;

// Slot hoarding: a guest holds at most OPEN_REQUESTS_PER_BOOTH unanswered requests at a booth
// and OPEN_REQUESTS_TOTAL over all booths (here 2 and 3).
describe('caps on open appointment requests', () => {
  let platform: Platform;
  let booths: Booth[];
  const booth = (organisation: string) => booths.find((b) => b.organisation === organisation)!;
  const slotsOf = async (client: ApiClient, boothId: string): Promise<Slot[]> => {
    const from = Date.now() + DAY;
    const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 6 * DAY).toISOString() });
    return expectStatus(await client.get<SlotsResponse>(`/api/booths/${boothId}/slots?${query}`), 200, 'slots').body.slots;
  };
  const book = (client: ApiClient, boothId: string, start: string) => client.post<Appointment>('/api/appointments', { boothId, start });

  beforeAll(async () => {
    platform = await startTestPlatform({ OPEN_REQUESTS_PER_BOOTH: '2', OPEN_REQUESTS_TOTAL: '3' });
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  });
  afterAll(() => platform.close());

  it('refuses a third open request at one booth and a fourth overall with 409 too-many-open-requests, until one is answered or cancelled', async () => {
    const guest = await registerGuest(platform.url, { timeZone: 'Europe/Paris', name: 'Hoarding Hugo' }, { forwardedFor: '198.51.100.91' });
    const hudson = booth('Hudson Analytics');
    const berlin = booth('Berliner Robotik');
    const shenzhen = booth('Shenzhen Photonics');
    const hudsonSlots = await slotsOf(guest, hudson.id);
    // Slots far apart, so the guest is never busy at two of them at once.
    const [a, b, c] = [hudsonSlots[0]!, hudsonSlots[8]!, hudsonSlots[16]!];
    const first = expectStatus(await book(guest, hudson.id, a.start), 201, 'first').body;
    expectStatus(await book(guest, hudson.id, b.start), 201, 'second');
    const third = await book(guest, hudson.id, c.start);
    expect(third.status).toBe(409);
    expect(apiError(third)).toMatchObject({ code: ErrorCode.Conflict, details: { reason: 'too-many-open-requests', scope: 'booth', limit: 2 } });

    const busy = [a.start, b.start];
    const free = (slots: Slot[]) => slots.find((s) => busy.every((t) => Math.abs(Date.parse(s.start) - Date.parse(t)) >= 3_600_000))!;
    const berlinSlot = free(await slotsOf(guest, berlin.id));
    expectStatus(await book(guest, berlin.id, berlinSlot.start), 201, 'at another booth');
    busy.push(berlinSlot.start);
    const shenzhenSlot = free(await slotsOf(guest, shenzhen.id));
    const fourth = await book(guest, shenzhen.id, shenzhenSlot.start);
    expect(fourth.status).toBe(409);
    expect(apiError(fourth)).toMatchObject({ details: { reason: 'too-many-open-requests', scope: 'total', limit: 3 } });

    // An answered request is not open any more: once the rep accepts one, the guest may ask again.
    const rep = await signIn(platform.url, 'michael.brooks@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.92' });
    expectStatus(await rep.patch<Appointment>(`/api/appointments/${first.id}`, { action: 'confirm' }), 200, 'accept');
    expectStatus(await book(guest, shenzhen.id, shenzhenSlot.start), 201, 'after one was answered');
  });

  it('holds the cap when a guest sends many requests in parallel', async () => {
    const guest = await registerGuest(platform.url, { timeZone: 'Asia/Tokyo', name: 'Parallel Pia' }, { forwardedFor: '198.51.100.93' });
    const hudson = booth('Hudson Analytics');
    const starts = (await slotsOf(guest, hudson.id))
      .filter((_, i) => i % 6 === 0)
      .slice(0, 6)
      .map((s) => s.start);
    const results = await Promise.all(starts.map((start) => book(guest, hudson.id, start)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(starts.length - 2);
  });
});
