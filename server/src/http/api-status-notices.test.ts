import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Booth, ExpoEvent, Notification, SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, expectStatus, registerGuest, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;
type ListDto = { notifications: Notification[]; unread: number };

describe('the other side hears about answers and cancellations, in their own language', () => {
  let platform: Platform;
  let wang: ApiClient;
  let guest: ApiClient;
  let booth: Booth;
  let staffId: string;
  let slots: SlotsResponse['slots'];
  let n = 0;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths.find(
      (b) => b.organisation === 'Shenzhen Photonics',
    )!;
    wang = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.240' });
    guest = await registerGuest(platform.url, { name: 'Greta Gast', timeZone: 'Europe/Berlin', language: 'de' }, { forwardedFor: '198.51.100.241' });
    staffId = expectStatus(await wang.get<{ staff: { id: string }[] }>('/api/staff/me'), 200).body.staff[0]!.id;
    const from = Date.now() + DAY;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 5 * DAY).toISOString(), staffId });
    slots = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots;
  });
  afterAll(() => platform?.close());

  const book = async () => {
    n += 1;
    return expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: slots[n * 12]!.start, staffId }), 201).body;
  };
  const newest = async (client: ApiClient) => expectStatus(await client.get<ListDto>('/api/notifications'), 200).body;

  it('tells the guest in German when Wang Fang accepts, and Wang Fang in Chinese when the guest cancels', async () => {
    const a = await book();
    const before = (await newest(guest)).unread;
    expectStatus(await wang.patch(`/api/appointments/${a.id}`, { action: 'confirm' }), 200);
    const mine = await newest(guest);
    expect(mine.unread).toBe(before + 1);
    expect(mine.notifications[0]).toMatchObject({ kind: 'status-confirmed', appointmentId: a.id, read: false });
    expect(mine.notifications[0]!.message).toMatch(/^Wang Fang \(Shenzhen Photonics\) hat Ihren Termin am .* angenommen\.$/);
    expect(mine.notifications[0]!.message).toContain('(Europe/Berlin)');

    expectStatus(await guest.patch(`/api/appointments/${a.id}`, { action: 'cancel' }), 200);
    const theirs = await newest(wang);
    expect(theirs.notifications[0]).toMatchObject({ kind: 'status-cancelled', appointmentId: a.id });
    expect(theirs.notifications[0]!.message).toMatch(/^Greta Gast（Shenzhen Photonics）已取消 .* 的会议。$/);
    // The one who cancelled is not told about their own cancel.
    expect((await newest(guest)).notifications.filter((x) => x.kind === 'status-cancelled')).toHaveLength(0);
  });

  it('tells the guest when a request is declined; a refused change writes nothing', async () => {
    const a = await book();
    expectStatus(await wang.patch(`/api/appointments/${a.id}`, { action: 'decline' }), 200);
    expect((await newest(guest)).notifications[0]).toMatchObject({ kind: 'status-declined', appointmentId: a.id });
    const count = (await newest(guest)).notifications.length;
    // Declining again is refused (409): no second notice.
    expect((await wang.patch(`/api/appointments/${a.id}`, { action: 'decline' })).status).toBe(409);
    expect((await newest(guest)).notifications).toHaveLength(count);
  });
});
