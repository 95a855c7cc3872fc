import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type Notification, type SlotsResponse, type WaitlistEntry } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const tokyoDate = (instant: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(instant);

describe('the waitlist: a freed time goes to the first guest waiting, held for a while, then the next', () => {
  let platform: Platform;
  let booth: Booth;
  let sato: ApiClient;
  let staffId: string;
  let ann: ApiClient;
  let ben: ApiClient;
  let cai: ApiClient;
  const day = tokyoDate(Date.now() + 5 * DAY);
  const slotStart = new Date(`${day}T10:00:00+09:00`).toISOString();

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths.find(
      (b) => b.organisation === 'Kyoto Precision Tools',
    )!;
    sato = await signIn(platform.url, 'sato.yuki@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.250' });
    staffId = expectStatus(await sato.get<{ staff: { id: string }[] }>('/api/staff/me'), 200).body.staff[0]!.id;
    // Sato takes one 30-minute meeting that day, nothing else all week.
    expectStatus(
      await sato.put(`/api/staff/${staffId}/availability`, {
        timeZone: 'Asia/Tokyo',
        weekly: [],
        exceptions: [{ date: day, ranges: [{ start: '10:00', end: '10:30' }] }],
        bufferMinutes: 0,
        meetingLengths: [30],
        groupSize: 1,
      }),
      200,
    );
    const guest = (name: string, language: string, i: number) =>
      registerGuest(platform.url, { name, timeZone: 'Asia/Tokyo', language }, { forwardedFor: `198.51.100.${150 + i}` });
    ann = await guest('Ann Early', 'en', 1);
    ben = await guest('Ben Wait', 'ja', 2);
    cai = await guest('Cai Next', 'en', 3);
  });
  afterAll(() => platform?.close());

  const join = (client: ApiClient, date = day) => client.post<WaitlistEntry>(`/api/booths/${booth.id}/waitlist`, { date, timeZone: 'Asia/Tokyo' });
  const mine = async (client: ApiClient) => expectStatus(await client.get<{ entries: WaitlistEntry[] }>('/api/waitlist'), 200).body.entries;
  const free = async (client: ApiClient) => {
    const q = new URLSearchParams({
      from: new Date(Date.parse(slotStart) - DAY).toISOString(),
      to: new Date(Date.parse(slotStart) + DAY).toISOString(),
    });
    return expectStatus(await client.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots.map((s) => s.start);
  };

  it('refuses to wait for a day that still has a free time, then lines guests up once it is taken', async () => {
    expect(apiError(await join(ben))).toMatchObject({ code: ErrorCode.Conflict, details: { reason: 'slots-available' } });
    const booked = expectStatus(await ann.post<Appointment>('/api/appointments', { boothId: booth.id, start: slotStart, staffId }), 201).body;
    expectStatus(await sato.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);
    expect(await free(cai)).toEqual([]);

    const first = expectStatus(await join(ben), 201).body;
    expect(first).toMatchObject({ boothName: 'Kyoto Precision Tools', date: day, timeZone: 'Asia/Tokyo', status: 'waiting', offer: null });
    // Joining again is the same place in line.
    expect(expectStatus(await join(ben), 200).body.id).toBe(first.id);
    expectStatus(await join(cai), 201);
    // It is part of what the guest downloads about themselves.
    const exported = expectStatus(await ben.get<{ waitlist: { date: string; status: string }[] }>('/api/me/export'), 200).body;
    expect(exported.waitlist).toEqual([expect.objectContaining({ date: day, status: 'waiting' })]);

    // Ann cancels: Ben, first in line, is offered the time, in Japanese, in the app and by e-mail.
    expectStatus(await ann.patch(`/api/appointments/${booked.id}`, { action: 'cancel' }), 200);
    const [offered] = await mine(ben);
    expect(offered).toMatchObject({ status: 'offered', offer: { start: slotStart } });
    const notices = expectStatus(await ben.get<{ notifications: Notification[] }>('/api/notifications'), 200).body.notifications;
    expect(notices[0]).toMatchObject({ kind: 'waitlist-offer' });
    expect(notices[0]!.message).toContain('Kyoto Precision Tools の商談時間に空きが出ました');
    const outbox = await platform.services.store.db
      .selectFrom('outbox')
      .select(['subject'])
      .where('dedupe_key', 'like', `waitlist:${offered!.id}:%`)
      .execute();
    expect(outbox).toHaveLength(1);
    // Held for Ben: nobody else sees or books it meanwhile.
    expect(await free(cai)).toEqual([]);
    expect(apiError(await cai.post('/api/appointments', { boothId: booth.id, start: slotStart, staffId }))).toMatchObject({
      code: ErrorCode.Conflict,
    });
    expect((await mine(cai))[0]).toMatchObject({ status: 'waiting', offer: null });
  });

  it('passes an offer that runs out to the next guest, who books it in one click', async () => {
    const [benEntry] = await mine(ben);
    await setServerClock(platform.url, Date.now() + 31 * MINUTE);
    expect(await platform.services.waitlist.expireOffers()).toBe(1);
    expect(await mine(ben)).toEqual([]);
    expect(apiError(await ben.post(`/api/waitlist/${benEntry!.id}/accept`))).toMatchObject({
      code: ErrorCode.Conflict,
      details: { reason: 'no-offer' },
    });
    const [caiEntry] = await mine(cai);
    expect(caiEntry).toMatchObject({ status: 'offered', offer: { start: slotStart } });
    // Someone else's entry is not theirs to book or leave.
    expect(apiError(await ben.post(`/api/waitlist/${caiEntry!.id}/accept`))).toMatchObject({ code: ErrorCode.NotFound });
    expect(apiError(await ben.delete(`/api/waitlist/${caiEntry!.id}`))).toMatchObject({ code: ErrorCode.NotFound });
    const appointment = expectStatus(await cai.post<Appointment>(`/api/waitlist/${caiEntry!.id}/accept`), 201).body;
    expect(appointment).toMatchObject({ start: slotStart, status: 'requested' });
    expect(await mine(cai)).toEqual([]);
  });

  it('answers the wrong callers and malformed requests with typed errors', async () => {
    expect(apiError(await sato.post(`/api/booths/${booth.id}/waitlist`, { date: day }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await ann.post('/api/booths/no-such-booth/waitlist', { date: day }))).toMatchObject({ code: ErrorCode.NotFound });
    expect(apiError(await ann.post(`/api/booths/${booth.id}/waitlist`, { date: '2026-13-40' }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await ann.post(`/api/booths/${booth.id}/waitlist`, { date: day, extra: 1 }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await ann.post(`/api/booths/${booth.id}/waitlist`, { date: '2020-01-01' }))).toMatchObject({
      code: ErrorCode.BadRequest,
      details: { reason: 'past-day' },
    });
    expect((await new ApiClient(platform.url).post(`/api/booths/${booth.id}/waitlist`, { date: day })).status).toBe(401);
    expect(apiError(await ann.delete('/api/waitlist/no-such-entry'))).toMatchObject({ code: ErrorCode.NotFound });
  });
});
