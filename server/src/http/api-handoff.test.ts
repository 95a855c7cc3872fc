import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  type Appointment,
  type Booth,
  type ExpoEvent,
  type HandoffsResponse,
  type HostStatus,
  type JoinResponse,
  type SlotsResponse,
} from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { connectClient, startTestPlatform, type TestClient } from '../test-support/platform.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let platform: Platform;
let booths: Booth[];
let wang: ApiClient;
let chen: ApiClient;
let sato: ApiClient;
let guests = 0;
const sockets: TestClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
  const anon = new ApiClient(platform.url);
  const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  wang = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.210' });
  chen = await signIn(platform.url, 'chen.jie@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.211' });
  sato = await signIn(platform.url, 'sato.yuki@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.212' });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await platform.close();
});

/** A new guest with a confirmed appointment with `host` at `booth`, a day or more ahead. */
async function confirmed(host: ApiClient, organisation: string, daysAhead: number): Promise<{ guest: ApiClient; appointment: Appointment }> {
  guests += 1;
  const booth = booths.find((b) => b.organisation === organisation)!;
  const staffId = expectStatus(await host.get<{ staff: { id: string }[] }>('/api/staff/me'), 200).body.staff[0]!.id;
  const guest = await registerGuest(
    platform.url,
    { timeZone: 'Europe/Madrid', name: `Waiting Guest ${guests}` },
    { forwardedFor: `198.51.100.${120 + guests}` },
  );
  const from = Date.parse(await setServerClock(platform.url, Date.now())) + daysAhead * DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 3 * DAY).toISOString(), staffId });
  const [slot] = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${query}`), 200).body.slots;
  const booked = expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: slot!.start, staffId }), 201).body;
  expectStatus(await host.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);
  return { guest, appointment: booked };
}

/** Joins the appointment's meeting over real signaling (the media server records the presence). */
async function join(client: ApiClient, appointmentId: string) {
  const ticket = expectStatus(await client.post<JoinResponse>(`/api/appointments/${appointmentId}/join`), 200).body;
  const socket = await connectClient(platform.url);
  sockets.push(socket);
  await socket.call('join', { roomId: ticket.roomId, displayName: 'x', token: ticket.token });
  return socket;
}

const at = (instant: number) => setServerClock(platform.url, instant);
const settled = () => platform.services.attendance.settled();
const hostOf = async (guest: ApiClient, id: string) => expectStatus(await guest.get<HostStatus>(`/api/appointments/${id}/host`), 200).body;
const waitingFor = async (staff: ApiClient) => expectStatus(await staff.get<HandoffsResponse>('/api/staff/me/handoffs'), 200).body.handoffs;

describe('no-show hand-off', () => {
  it('alerts the booth’s other staff 3 minutes after the start, one takes the meeting, the guest sees who is coming', async () => {
    const { guest, appointment } = await confirmed(wang, 'Shenzhen Photonics', 1);
    const start = Date.parse(appointment.start);
    await at(start + MINUTE);
    const guestSocket = await join(guest, appointment.id);
    await settled();
    expect(await hostOf(guest, appointment.id)).toMatchObject({ state: 'waiting', host: { name: 'Wang Fang' }, boothName: 'Shenzhen Photonics' });
    expect(await waitingFor(chen)).toEqual([]);
    expect(apiError(await chen.post(`/api/appointments/${appointment.id}/take`))).toMatchObject({
      code: ErrorCode.Conflict,
      details: { reason: 'not-waiting' },
    });

    await at(start + 4 * MINUTE);
    expect((await hostOf(guest, appointment.id)).state).toBe('alerted');
    expect(await waitingFor(chen)).toEqual([
      expect.objectContaining({
        appointmentId: appointment.id,
        guestName: 'Waiting Guest 1',
        hostName: 'Wang Fang',
        boothName: 'Shenzhen Photonics',
      }),
    ]);
    // The absent host's own list and another booth's staff do not show it.
    expect(await waitingFor(wang)).toEqual([]);
    expect(await waitingFor(sato)).toEqual([]);

    // Two clicks at once: one takes it, the other is told.
    const [a, b] = await Promise.all([chen.post(`/api/appointments/${appointment.id}/take`), chen.post(`/api/appointments/${appointment.id}/take`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(apiError(a.status === 409 ? a : b).details).toMatchObject({ reason: expect.stringMatching(/^(taken|already-yours)$/) });
    const taken = expectStatus(await chen.get<Appointment>(`/api/appointments/${appointment.id}`), 200).body;
    expect(taken.staff.name).toBe('Chen Jie');
    expect(await hostOf(guest, appointment.id)).toMatchObject({ state: 'coming', host: { name: 'Chen Jie' } });
    expect(await waitingFor(chen)).toEqual([]);
    expect(apiError(await wang.post(`/api/appointments/${appointment.id}/take`))).toMatchObject({
      code: ErrorCode.Conflict,
      details: { reason: 'not-waiting' },
    });

    // The new host comes in; the guest's connection was never cut (their token stays valid).
    await join(chen, appointment.id);
    await settled();
    expect((await hostOf(guest, appointment.id)).state).toBe('host-here');
    expect((await guestSocket.request('reportStats', { rttMs: 50 })).ok).toBe(true);
  });

  it('offers the guest another time at once when the booth has nobody else', async () => {
    const { guest, appointment } = await confirmed(sato, 'Kyoto Precision Tools', 2);
    const start = Date.parse(appointment.start);
    await at(start + 30_000);
    await join(guest, appointment.id);
    await settled();
    await at(start + 3 * MINUTE);
    expect(await hostOf(guest, appointment.id)).toMatchObject({ state: 'nobody-free', host: { name: 'Sato Yuki' } });
  });

  it('never shows a meeting whose guest is not in the room, and refuses the wrong callers with typed errors', async () => {
    const { guest, appointment } = await confirmed(wang, 'Shenzhen Photonics', 3);
    await at(Date.parse(appointment.start) + 4 * MINUTE);
    expect(await waitingFor(chen)).toEqual([]);
    expect(apiError(await chen.post(`/api/appointments/${appointment.id}/take`))).toMatchObject({
      code: ErrorCode.Conflict,
      details: { reason: 'not-waiting' },
    });
    // Only the guest asks where the host is; only staff list or take; strangers learn nothing.
    expect(apiError(await chen.get(`/api/appointments/${appointment.id}/host`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await guest.get('/api/staff/me/handoffs'))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await guest.post(`/api/appointments/${appointment.id}/take`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await sato.post(`/api/appointments/${appointment.id}/take`))).toMatchObject({ code: ErrorCode.NotFound });
    expect(apiError(await sato.get(`/api/appointments/${appointment.id}/host`))).toMatchObject({ code: ErrorCode.NotFound });
    expect((await new ApiClient(platform.url).get(`/api/appointments/${appointment.id}/host`)).status).toBe(401);
    expect(apiError(await chen.post('/api/appointments/no-such-id/take'))).toMatchObject({ code: ErrorCode.NotFound });
    // Nothing changed.
    expect(expectStatus(await guest.get<Appointment>(`/api/appointments/${appointment.id}`), 200).body.staff.name).toBe('Wang Fang');
  });
});
