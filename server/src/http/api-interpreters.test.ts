import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type JoinResponse, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { connectClient, startTestPlatform, type TestClient } from '../test-support/platform.js';
import { opusParameters } from '../test-support/rtp.js';

const DAY = 86_400_000;

describe('interpreters asked for at booking and assigned by the booth', () => {
  let platform: Platform;
  let booth: Booth;
  let wang: ApiClient;
  let chen: ApiClient;
  let sato: ApiClient;
  let guest: ApiClient;
  let staffIds: { wang: string; chen: string; sato: string };
  let slots: SlotsResponse['slots'];

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    booth = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths.find(
      (b) => b.organisation === 'Shenzhen Photonics',
    )!;
    wang = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.230' });
    chen = await signIn(platform.url, 'chen.jie@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.231' });
    sato = await signIn(platform.url, 'sato.yuki@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '198.51.100.232' });
    guest = await registerGuest(platform.url, { name: 'Lucía Pérez', timeZone: 'Europe/Madrid', language: 'es' }, { forwardedFor: '198.51.100.233' });
    const idOf = async (c: ApiClient) => expectStatus(await c.get<{ staff: { id: string }[] }>('/api/staff/me'), 200).body.staff[0]!.id;
    staffIds = { wang: await idOf(wang), chen: await idOf(chen), sato: await idOf(sato) };
    const from = Date.now() + DAY;
    const q = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 5 * DAY).toISOString(), staffId: staffIds.wang });
    slots = expectStatus(await guest.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${q}`), 200).body.slots;
  });
  afterAll(() => platform?.close());

  /** Books the n-th of well-spaced free times with Wang Fang, who accepts it (so the guest's open-request cap never bites). */
  const book = async (n: number, extra: Record<string, unknown> = {}) => {
    const res = await guest.post<Appointment>('/api/appointments', {
      boothId: booth.id,
      start: slots[n * 12]!.start,
      staffId: staffIds.wang,
      ...extra,
    });
    if (res.status === 201) expectStatus(await wang.patch(`/api/appointments/${res.body.id}`, { action: 'confirm' }), 200);
    return res;
  };

  it('keeps the language the guest asked for; the booth assigns a colleague; both sides see who interprets', async () => {
    const booked = expectStatus(await book(0, { interpreterLanguage: 'es' }), 201).body;
    expect(booked.interpretation).toEqual({ language: 'es', interpreter: null });
    const path = `/api/appointments/${booked.id}/interpreter`;
    const assigned = expectStatus(await wang.put<Appointment>(path, { staffId: staffIds.chen }), 200).body;
    expect(assigned.interpretation).toEqual({ language: 'es', interpreter: { staffId: staffIds.chen, userId: chen.user!.id, name: 'Chen Jie' } });
    const seen = expectStatus(await guest.get<Appointment>(`/api/appointments/${booked.id}`), 200).body;
    expect(seen.interpretation?.interpreter?.name).toBe('Chen Jie');
    // Unassigned again.
    expect(expectStatus(await chen.put<Appointment>(path, { staffId: null }), 200).body.interpretation).toEqual({
      language: 'es',
      interpreter: null,
    });
  });

  it('refuses the wrong callers, another booth’s staff, malformed bodies and meetings without a request; nothing changes', async () => {
    const booked = expectStatus(await book(1, { interpreterLanguage: 'zh-CN' }), 201).body;
    const plain = expectStatus(await book(2), 201).body;
    expect(plain.interpretation).toBeNull();
    const path = `/api/appointments/${booked.id}/interpreter`;
    expect(apiError(await guest.put(path, { staffId: staffIds.chen }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await sato.put(path, { staffId: staffIds.sato }))).toMatchObject({ code: ErrorCode.NotFound });
    expect(apiError(await wang.put(path, { staffId: staffIds.sato }))).toMatchObject({
      code: ErrorCode.BadRequest,
      details: { reason: 'not-booth-staff' },
    });
    expect(apiError(await wang.put(path, { staffId: 5 }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(apiError(await wang.put(path, { staffId: staffIds.chen, extra: true }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect((await new ApiClient(platform.url).put(path, { staffId: staffIds.chen })).status).toBe(401);
    expect(apiError(await wang.put(`/api/appointments/${plain.id}/interpreter`, { staffId: staffIds.chen }))).toMatchObject({
      code: ErrorCode.Conflict,
      details: { reason: 'no-interpreter-requested' },
    });
    expect(expectStatus(await wang.get<Appointment>(`/api/appointments/${booked.id}`), 200).body.interpretation).toEqual({
      language: 'zh-CN',
      interpreter: null,
    });
    // A malformed language is refused at booking, and no appointment is made.
    const before = expectStatus(await guest.get<{ appointments: Appointment[] }>('/api/appointments'), 200).body.appointments.length;
    expect(apiError(await book(3, { interpreterLanguage: 'Spanish please' }))).toMatchObject({ code: ErrorCode.BadRequest });
    expect(expectStatus(await guest.get<{ appointments: Appointment[] }>('/api/appointments'), 200).body.appointments).toHaveLength(before);
  });

  it('in the room the assigned interpreter speaks into the assigned language only; the guest opens no channel; an unassigned host stands in', async () => {
    const booked = expectStatus(await book(4, { interpreterLanguage: 'es' }), 201).body;
    expectStatus(await wang.put(`/api/appointments/${booked.id}/interpreter`, { staffId: staffIds.chen }), 200);
    await setServerClock(platform.url, Date.parse(booked.start) - 60_000);
    const sockets: TestClient[] = [];
    try {
      const enter = async (client: ApiClient) => {
        const ticket = expectStatus(await client.post<JoinResponse>(`/api/appointments/${booked.id}/join`), 200).body;
        const socket = await connectClient(platform.url);
        sockets.push(socket);
        await socket.call('join', { roomId: ticket.roomId, displayName: 'x', token: ticket.token });
        const { id } = await socket.call<{ id: string }>('createTransport', { direction: 'send' });
        let ssrc = 500;
        return (language: string) =>
          socket.request('produce', { transportId: id, kind: 'audio', source: 'interpretation', language, rtpParameters: opusParameters(ssrc++) });
      };
      const chenSpeaks = await enter(chen);
      expect(await chenSpeaks('fr')).toMatchObject({
        ok: false,
        error: { code: ErrorCode.Forbidden, details: { reason: 'not-assigned-language', assigned: ['es'] } },
      });
      expect(await chenSpeaks('es')).toMatchObject({ ok: true });
      const wangSpeaks = await enter(wang);
      expect(await wangSpeaks('fr')).toMatchObject({ ok: true });
    } finally {
      for (const socket of sockets) socket.close();
      await setServerClock(platform.url, Date.now());
    }
  });

  it('a guest may not open an interpretation channel in a booked meeting', async () => {
    const booked = expectStatus(await book(5), 201).body;
    await setServerClock(platform.url, Date.parse(booked.start) - 60_000);
    const ticket = expectStatus(await guest.post<JoinResponse>(`/api/appointments/${booked.id}/join`), 200).body;
    const socket = await connectClient(platform.url);
    try {
      const host = await connectClient(platform.url);
      const hostTicket = expectStatus(await wang.post<JoinResponse>(`/api/appointments/${booked.id}/join`), 200).body;
      await host.call('join', { roomId: hostTicket.roomId, displayName: 'x', token: hostTicket.token });
      await socket.call('join', { roomId: ticket.roomId, displayName: 'x', token: ticket.token });
      const { id } = await socket.call<{ id: string }>('createTransport', { direction: 'send' });
      const ack = await socket.request('produce', {
        transportId: id,
        kind: 'audio',
        source: 'interpretation',
        language: 'es',
        rtpParameters: opusParameters(77),
      });
      expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden, details: { reason: 'not-an-interpreter' } } });
      host.close();
    } finally {
      socket.close();
      await setServerClock(platform.url, Date.now());
    }
  });
});
