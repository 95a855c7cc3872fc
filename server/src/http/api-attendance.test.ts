import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type JoinResponse, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { connectClient, startTestPlatform, type TestClient } from '../test-support/platform.js';
import { opusParameters } from '../test-support/rtp.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let platform: Platform;
let shenzhen: Booth;
let staff: ApiClient;
let staffId: string;
let guests = 0;
const sockets: TestClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
  const anon = new ApiClient(platform.url);
  const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  shenzhen = booths.find((b) => b.organisation === 'Shenzhen Photonics')!;
  staff = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.200' });
  staffId = expectStatus(await staff.get<{ staff: { id: string }[] }>('/api/staff/me'), 200).body.staff[0]!.id;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await platform.close();
});

/** A new guest with a confirmed appointment with the demo exhibitor, `daysAhead` days from now. */
async function confirmedAppointment(daysAhead: number): Promise<{ guest: ApiClient; appointment: Appointment }> {
  guests += 1;
  const guest = await registerGuest(
    platform.url,
    { timeZone: 'America/Los_Angeles', name: `Guest ${guests}` },
    { forwardedFor: `198.51.100.${guests}` },
  );
  const from = Date.parse(await setServerClock(platform.url, Date.now())) + daysAhead * DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 3 * DAY).toISOString(), staffId });
  const [slot] = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${shenzhen.id}/slots?${query}`), 200).body.slots;
  const booked = expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: shenzhen.id, start: slot!.start, staffId }), 201).body;
  expectStatus(await staff.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);
  return { guest, appointment: booked };
}

/** Joins the appointment's meeting over signaling with real media: a send transport and a microphone producer in the worker. */
async function joinWithAudio(client: ApiClient, appointmentId: string, ssrc: number) {
  const ticket = expectStatus(await client.post<JoinResponse>(`/api/appointments/${appointmentId}/join`), 200).body;
  const socket = await connectClient(platform.url);
  sockets.push(socket);
  const joined = await socket.call<{ peerId: string; resumeKey: string }>('join', { roomId: ticket.roomId, displayName: 'x', token: ticket.token });
  const transport = await socket.call<{ id: string }>('createTransport', { direction: 'send' });
  await socket.call('produce', { transportId: transport.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(ssrc) });
  return { socket, ticket, ...joined };
}

const at = (instant: number) => setServerClock(platform.url, instant);
const view = async (client: ApiClient, id: string) => expectStatus(await client.get<Appointment>(`/api/appointments/${id}`), 200).body;

describe('attendance from the media server', () => {
  it('records both sides from their joins and leaves (a dropped connection and its resume included), and completes the meeting at its end', async () => {
    const { guest, appointment } = await confirmedAppointment(1);
    const start = Date.parse(appointment.start);
    await at(start - 5 * MINUTE);
    const host = await joinWithAudio(staff, appointment.id, 1111);
    await at(start + MINUTE);
    const visitor = await joinWithAudio(guest, appointment.id, 2222);
    // The host receives the guest's microphone through the worker.
    const recv = await host.socket.call<{ id: string }>('createTransport', { direction: 'recv' });
    expect(recv.id).toBeTruthy();

    // Quality reports: three are kept (median), a malformed one is refused, a burst is limited.
    for (const rttMs of [40, 200, 60]) await visitor.socket.call('reportStats', { rttMs, lossPct: 1, bitrateKbps: 800 });
    const malformed = await visitor.socket.request('reportStats', { lossPct: 150 });
    expect(malformed.ok ? 'ok' : malformed.error.code).toBe(ErrorCode.BadRequest);
    await visitor.socket.call('reportStats', { rttMs: 60 });
    const limited = await visitor.socket.request('reportStats', { rttMs: 60 });
    expect(limited.ok ? 'ok' : limited.error.code).toBe(ErrorCode.RateLimited);

    // The guest's connection drops at +6 min and comes back (resume) at +8: the gap is not counted.
    await at(start + 6 * MINUTE);
    const dropped = host.socket.next('peerUpdated');
    visitor.socket.socket.io.engine.close();
    await dropped;
    await at(start + 8 * MINUTE);
    const back = await connectClient(platform.url);
    sockets.push(back);
    await back.call('resume', { roomId: visitor.ticket.roomId, peerId: visitor.peerId, resumeKey: visitor.resumeKey });

    const during = await view(guest, appointment.id);
    expect(during.attendance?.guest).toMatchObject({ joinedAt: new Date(start + MINUTE).toISOString(), leftAt: null });
    expect(during.outcome).toBeNull();

    const end = Date.parse(appointment.end);
    await at(end - 2 * MINUTE);
    await back.call('leave', {});
    await at(end - MINUTE);
    await host.socket.call('leave', {});
    await platform.services.attendance.settled();

    await at(end - 1000);
    await platform.services.outcomes.runOnce();
    expect((await view(guest, appointment.id)).status).toBe('confirmed');
    await at(end);
    await platform.services.outcomes.runOnce();

    const after = await view(guest, appointment.id);
    expect(after.status).toBe('completed');
    expect(after.outcome).toEqual({ status: 'completed', missing: null, decidedBy: 'attendance' });
    const { guest: g, staff: s } = after.attendance!;
    expect(g).toMatchObject({ joinedAt: new Date(start + MINUTE).toISOString(), leftAt: new Date(end - 2 * MINUTE).toISOString() });
    // (6 − 1) minutes, then from +8 to two minutes before the end, in whole seconds.
    expect(g!.seconds).toBe(5 * 60 + (end - 2 * MINUTE - (start + 8 * MINUTE)) / 1000);
    expect(g!.quality).toEqual({ samples: 4, rttMs: 60, lossPct: 1, bitrateKbps: 800 });
    expect(s).toMatchObject({ joinedAt: new Date(start - 5 * MINUTE).toISOString(), leftAt: new Date(end - MINUTE).toISOString() });
    expect(s!.seconds).toBe((end - MINUTE - (start - 5 * MINUTE)) / 1000);
    expect(s!.quality).toBeNull();
    // The staff member sees the same.
    expect((await view(staff, appointment.id)).attendance).toEqual(after.attendance);
  });

  it('marks a no-show with who was missing 10 minutes after the start; staff correct it, nobody else can', async () => {
    const { guest, appointment } = await confirmedAppointment(4);
    const start = Date.parse(appointment.start);
    await at(start + MINUTE);
    const host = await joinWithAudio(staff, appointment.id, 3333);
    await at(start + 10 * MINUTE - 1000);
    await platform.services.outcomes.runOnce();
    expect((await view(staff, appointment.id)).outcome).toBeNull();
    await at(start + 10 * MINUTE);
    await platform.services.outcomes.runOnce();
    const seen = await view(staff, appointment.id);
    expect(seen.outcome).toEqual({ status: 'no_show', missing: 'guest', decidedBy: 'attendance' });
    expect(seen.attendance).toMatchObject({ guest: null, staff: { leftAt: null } });
    expect(seen.actions).toContain('set_outcome');
    await host.socket.call('leave', {});

    // The guest cannot change it, a stranger cannot see it, a bad outcome is refused.
    const denied = await guest.patch(`/api/appointments/${appointment.id}`, { action: 'set_outcome', outcome: 'completed' });
    expect([denied.status, apiError(denied).code]).toEqual([403, ErrorCode.Forbidden]);
    const stranger = await registerGuest(platform.url, { timeZone: 'Europe/Berlin' }, { forwardedFor: '198.51.100.250' });
    expect((await stranger.get(`/api/appointments/${appointment.id}`)).status).toBe(404);
    expect((await staff.patch(`/api/appointments/${appointment.id}`, { action: 'set_outcome', outcome: 'held' })).status).toBe(400);
    expect((await staff.patch(`/api/appointments/${appointment.id}`, { action: 'set_outcome', outcome: 'completed' }, { csrf: false })).status).toBe(
      403,
    );

    const corrected = expectStatus(
      await staff.patch<Appointment>(`/api/appointments/${appointment.id}`, { action: 'set_outcome', outcome: 'completed' }),
      200,
    ).body;
    expect(corrected.outcome).toEqual({ status: 'completed', missing: null, decidedBy: 'staff' });
    // A later scan leaves a decided appointment alone.
    await at(start + 40 * MINUTE);
    await platform.services.outcomes.runOnce();
    expect((await view(guest, appointment.id)).outcome).toEqual({ status: 'completed', missing: null, decidedBy: 'staff' });
  });

  it('marks a no-show of both sides when nobody came, and a staff no-show when only the guest did', async () => {
    const empty = await confirmedAppointment(7);
    const lonely = await confirmedAppointment(10);
    const start = Date.parse(lonely.appointment.start);
    await at(start);
    const visitor = await joinWithAudio(lonely.guest, lonely.appointment.id, 4444);
    await at(start + 10 * MINUTE);
    await platform.services.outcomes.runOnce();
    expect((await view(lonely.guest, lonely.appointment.id)).outcome).toEqual({ status: 'no_show', missing: 'staff', decidedBy: 'attendance' });
    await visitor.socket.call('leave', {});
    await at(Date.parse(empty.appointment.start) + 10 * MINUTE);
    await platform.services.outcomes.runOnce();
    expect((await view(empty.guest, empty.appointment.id)).outcome).toEqual({ status: 'no_show', missing: 'both', decidedBy: 'attendance' });
  });

  it('refuses quality reports from a socket that has not joined', async () => {
    const socket = await connectClient(platform.url);
    sockets.push(socket);
    const res = await socket.request('reportStats', { rttMs: 10 });
    expect(res.ok ? 'ok' : res.error.code).toBe(ErrorCode.NotJoined);
  });
});

describe("the guest's pre-join connection test", () => {
  it('is kept on the appointment and shown to the staff; only the guest reports it, while the meeting is ahead', async () => {
    // Well inside the two-week demo event: 13 days ahead left only its last day, whose free times are gone late in the UTC day.
    const { guest, appointment } = await confirmedAppointment(11);
    await at(Date.parse(appointment.start) - 5 * MINUTE);
    const sent = expectStatus(
      await guest.post<Appointment>(`/api/appointments/${appointment.id}/connection-test`, { udp: 'blocked', tcp: 'ok' }),
      200,
    ).body;
    expect(sent.connectionTest).toMatchObject({ udp: 'blocked', tcp: 'ok' });
    // Tested on the server's (moved) clock, a moment after it was set.
    const testedAt = Date.parse(sent.connectionTest!.testedAt) - (Date.parse(appointment.start) - 5 * MINUTE);
    expect(testedAt).toBeGreaterThanOrEqual(0);
    expect(testedAt).toBeLessThan(10_000);
    expect((await view(staff, appointment.id)).connectionTest).toMatchObject({ udp: 'blocked', tcp: 'ok' });

    const bad = await guest.post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'fine', tcp: 'ok' });
    expect([bad.status, apiError(bad).code]).toEqual([400, ErrorCode.BadRequest]);
    const extra = await guest.post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'ok', tcp: 'ok', rttMs: 'x' });
    expect(extra.status).toBe(400);
    const byStaff = await staff.post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'ok', tcp: 'ok' });
    expect([byStaff.status, apiError(byStaff).code]).toEqual([403, ErrorCode.Forbidden]);
    const stranger = await registerGuest(platform.url, { timeZone: 'Asia/Tokyo' }, { forwardedFor: '198.51.100.251' });
    expect((await stranger.post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'ok', tcp: 'ok' })).status).toBe(404);
    expect((await guest.post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'ok', tcp: 'ok' }, { csrf: false })).status).toBe(403);
    expect((await new ApiClient(platform.url).post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'ok', tcp: 'ok' })).status).toBe(
      401,
    );

    await at(Date.parse(appointment.end));
    const late = await guest.post(`/api/appointments/${appointment.id}/connection-test`, { udp: 'ok', tcp: 'ok' });
    expect([late.status, apiError(late).code]).toEqual([409, ErrorCode.Conflict]);
    expect((await view(staff, appointment.id)).connectionTest).toMatchObject({ udp: 'blocked', tcp: 'ok' });
  });
});
