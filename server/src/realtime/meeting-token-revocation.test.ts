import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type TalkDto, type Appointment, type Booth, type ExpoEvent, type JoinResponse, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import type { ApiClient as Client } from '../test-support/api.js';
import { ApiClient, expectStatus, registerGuest, SESSION_COOKIE_NAME, setServerClock, signIn } from '../test-support/api.js';
import { clientPool, startTestPlatform } from '../test-support/platform.js';

/**
 * Meeting tokens die with what granted them (an appointment's version, an agenda session)
 * and open a room only for the account they were issued to, over real sockets.
 */
describe('meeting tokens are revocable and tied to their account', () => {
  let platform: Platform;
  let booth: Booth;
  let event: ExpoEvent;
  let staff: Client;
  let address = 0;
  const sockets = clientPool(() => platform.url);
  /** A socket as a browser signed in as `client` opens it (its session cookie at the handshake), or signed out. */
  const socketOf = async (client?: Client) => {
    const cookie = client?.cookie(SESSION_COOKIE_NAME);
    return cookie ? sockets.connect(undefined, { headers: { cookie: `${SESSION_COOKIE_NAME}=${cookie}` } }) : sockets.connect();
  };
  const joinWith = async (client: Client | undefined, ticket: JoinResponse) =>
    (await socketOf(client)).request('join', { roomId: ticket.roomId, displayName: 'ignored', token: ticket.token });

  /** A confirmed appointment of a new guest with the booth, and the clock at its start. */
  const confirmedMeeting = async () => {
    const guest = await registerGuest(platform.url, { timeZone: 'Europe/Madrid', name: 'Rita' }, { forwardedFor: `198.51.100.${++address}` });
    await setServerClock(platform.url, Date.now());
    const from = Date.now() + 2 * 86_400_000 + address * 3 * 3_600_000;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 5 * 86_400_000).toISOString() });
    const slots = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots;
    const booked = expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: slots[0]!.start }), 201).body;
    expectStatus(await staff.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);
    await setServerClock(platform.url, Date.parse(booked.start));
    return { guest, booked, slots };
  };
  const ticketFor = async (client: Client, appointmentId: string) =>
    expectStatus(await client.post<JoinResponse>(`/api/appointments/${appointmentId}/join`), 200).body;

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    const anon = new ApiClient(platform.url);
    [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events as [ExpoEvent];
    booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event.id}/booths`)).body.booths.find((b) => b.organisation === 'Hudson Analytics')!;
    staff = await signIn(platform.url, 'michael.brooks@example.com', DEMO_ACCOUNTS.exhibitor.password);
  });
  afterAll(() => platform.close());

  it('refuses a token issued before the appointment was cancelled', async () => {
    const { guest, booked } = await confirmedMeeting();
    const ticket = await ticketFor(guest, booked.id);
    expectStatus(await guest.patch(`/api/appointments/${booked.id}`, { action: 'cancel' }), 200);
    const ack = await joinWith(guest, ticket);
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden, details: { reason: 'revoked' } } });
  });

  it('refuses a token issued before a reschedule, and admits the new one issued at the new time', async () => {
    const { guest, booked, slots } = await confirmedMeeting();
    const old = await ticketFor(guest, booked.id);
    const later = slots.find((s) => Date.parse(s.start) >= Date.parse(booked.end) + 3_600_000)!;
    await setServerClock(platform.url, Date.now());
    expectStatus(await guest.patch(`/api/appointments/${booked.id}`, { action: 'reschedule', start: later.start }), 200);
    const moved = expectStatus(await guest.get<Appointment>(`/api/appointments/${booked.id}`), 200).body;
    if (moved.status !== 'confirmed') expectStatus(await staff.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);
    // Even inside the old token's window, at the old time, it no longer opens the room.
    await setServerClock(platform.url, Date.parse(booked.start));
    expect(await joinWith(guest, old)).toMatchObject({ ok: false, error: { details: { reason: 'revoked' } } });
    await setServerClock(platform.url, Date.parse(later.start));
    const fresh = await ticketFor(guest, booked.id);
    expect(await joinWith(guest, fresh)).toMatchObject({ ok: true, data: { role: 'guest' } });
  });

  it("refuses a token presented by another signed-in account, and admits its owner's browser and a signed-out one", async () => {
    const { guest, booked } = await confirmedMeeting();
    const ticket = await ticketFor(guest, booked.id);
    const stranger = await registerGuest(platform.url, { timeZone: 'Asia/Seoul' }, { forwardedFor: `198.51.100.${++address}` });
    const refused = await joinWith(stranger, ticket);
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden, details: { reason: 'other-account' } } });
    expect(await joinWith(guest, ticket)).toMatchObject({ ok: true, data: { role: 'guest' } });
    // Where no account is signed in (an app, another node's origin) the token stands on its signature.
    const staffTicket = await ticketFor(staff, booked.id);
    expect(await joinWith(undefined, staffTicket)).toMatchObject({ ok: true, data: { role: 'host' } });
  });

  it('refuses a stage token once its agenda session was removed', async () => {
    const start = Date.parse('2027-04-20T08:00:00Z');
    await setServerClock(platform.url, start - 10 * 60_000);
    const organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    const { session } = expectStatus(
      await organizer.post<{ session: TalkDto }>(`/api/events/${event.id}/sessions`, {
        hallId: event.halls[0]!.id,
        title: 'A talk that will be dropped',
        kind: 'talk',
        speakers: ['Someone'],
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
        capacity: 100,
      }),
      201,
    ).body;
    const viewer = await registerGuest(platform.url, { timeZone: 'Asia/Tokyo' }, { forwardedFor: `198.51.100.${++address}` });
    const ticket = expectStatus(await viewer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    expectStatus(await organizer.delete(`/api/sessions/${session.id}`), 200);
    expect(await joinWith(viewer, ticket)).toMatchObject({ ok: false, error: { details: { reason: 'revoked' } } });
  });
});
