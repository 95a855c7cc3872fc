import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type JoinResponse, type Slot, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { connectClient, startTestPlatform, type TestClient } from '../test-support/platform.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const STAFF_PASSWORD = DEMO_ACCOUNTS.exhibitor.password;

/** The demo expo as the tests need it: its booths by name and signed-in clients for it. */
async function demoExpo(platform: Platform) {
  let address = 0;
  const url = platform.url;
  const anon = new ApiClient(url);
  const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  const booth = (organisation: string) => {
    const found = booths.find((b) => b.organisation === organisation);
    if (!found) throw new Error(`no booth ${organisation}`);
    return found;
  };
  return {
    anon,
    berlin: booth('Berliner Robotik'),
    shenzhen: booth('Shenzhen Photonics'),
    hudson: booth('Hudson Analytics'),
    /** A new guest, coming from an address of their own (rate limits count per address). */
    guest: (timeZone: string, name = 'Test Guest') => {
      address += 1;
      return registerGuest(url, { timeZone, name }, { forwardedFor: `198.51.100.${address}` });
    },
    staff: (email: string) => {
      address += 1;
      return signIn(url, email, STAFF_PASSWORD, { forwardedFor: `198.51.100.${address}` });
    },
  };
}

/** Free slots of a booth over the next week, starting tomorrow. */
async function freeSlots(client: ApiClient, boothId: string, params: Record<string, string> = {}): Promise<Slot[]> {
  const from = Date.now() + DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString(), ...params });
  const res = expectStatus(await client.get<SlotsResponse>(`/api/booths/${boothId}/slots?${query}`), 200, 'slots');
  return res.body.slots;
}

/** A slot start both booths offer (the Berlin rep's morning is the Shanghai reps' afternoon). */
async function commonStart(client: ApiClient, a: Booth, b: Booth): Promise<string> {
  const other = new Set((await freeSlots(client, b.id)).map((s) => s.start));
  const start = (await freeSlots(client, a.id)).map((s) => s.start).find((s) => other.has(s));
  if (!start) throw new Error(`no common slot of ${a.organisation} and ${b.organisation}`);
  return start;
}

const book = (client: ApiClient, body: Record<string, unknown>) => client.post<Appointment>('/api/appointments', body);

// One platform for the file; it can move its clock, which only the last block (joining) does.
let platform: Platform;
let expo: Awaited<ReturnType<typeof demoExpo>>;
beforeAll(async () => {
  platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
  expo = await demoExpo(platform);
});
afterAll(() => platform.close());

describe('fifty guests racing for one slot', () => {
  // 60 s: registering fifty guests is fifty scrypt hashes, slow on a busy 2-core machine running both engines at once.
  it('gives exactly one of them the appointment and the other 49 a 409 saying the slot was just taken', async () => {
    const guests = await Promise.all(Array.from({ length: 50 }, (_, i) => expo.guest('Asia/Kolkata', `Racer ${i}`)));
    const hudsonSlots = await freeSlots(guests[0]!, expo.hudson.id);
    const target = hudsonSlots.at(-1)!;
    const results = await Promise.all(guests.map((g) => book(g, { boothId: expo.hudson.id, start: target.start })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(apiError(refused)).toMatchObject({ code: ErrorCode.Conflict, message: expect.stringMatching(/just taken/) });
    }
    const rows = await platform.services.store.db
      .selectFrom('appointments')
      .selectAll()
      .where('booth_id', '=', expo.hudson.id)
      .where('start_at', '=', new Date(target.start).toISOString())
      .execute();
    expect(rows).toHaveLength(1);
  }, 60_000);
});

describe('booth colleagues', () => {
  it("lists an appointment assigned to one rep for the booth's other reps too, who may accept it", async () => {
    const guest = await expo.guest('Europe/Paris', 'Colette Colleague');
    const [slot] = await freeSlots(guest, expo.shenzhen.id);
    const booked = expectStatus(await book(guest, { boothId: expo.shenzhen.id, start: slot!.start }), 201, 'book').body;
    const wang = await expo.staff(DEMO_ACCOUNTS.exhibitor.email);
    const chen = await expo.staff('chen.jie@example.com');
    for (const rep of [wang, chen]) {
      const listed = (await rep.get<{ appointments: Appointment[] }>('/api/appointments')).body.appointments;
      expect(listed.map((a) => a.id)).toContain(booked.id);
    }
    const assignedTo = booked.staff.name === 'Chen Jie' ? chen : wang;
    const colleague = assignedTo === chen ? wang : chen;
    const accepted = await colleague.patch<Appointment>(`/api/appointments/${booked.id}`, { action: 'confirm' });
    expect(expectStatus(accepted, 200, 'confirm').body.status).toBe('confirmed');
  });
});

describe('booking over HTTP', () => {
  let anna: ApiClient;
  let annaStaffId: string;

  beforeAll(async () => {
    anna = await expo.staff('anna.schmidt@example.com');
    annaStaffId = expo.berlin.staff[0]!.id;
  });

  it("books a slot: 201 with both parties' local times and zones, status requested", async () => {
    const guest = await expo.guest('America/Los_Angeles', 'Lena Guest');
    const slot = (await freeSlots(guest, expo.berlin.id))[0]!;

    const res = await book(guest, { boothId: expo.berlin.id, start: slot.start, staffId: annaStaffId, note: 'Payload up to 5 kg?' });

    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/appointments/${res.body.id}`);
    expect(res.body).toMatchObject({
      boothId: expo.berlin.id,
      boothName: 'Berliner Robotik',
      status: 'requested',
      start: slot.start,
      end: slot.end,
      eventZone: 'Europe/Berlin',
      anyRep: false,
      note: 'Payload up to 5 kg?',
      joinOpensAt: new Date(Date.parse(slot.start) - 10 * MINUTE).toISOString(),
      guest: { id: guest.user!.id, name: 'Lena Guest', timeZone: 'America/Los_Angeles', local: slot.guestLocal },
      staff: { id: annaStaffId, name: 'Anna Schmidt', timeZone: 'Europe/Berlin', local: slot.staffLocal },
    });
    expect(res.body.actions).toEqual(expect.arrayContaining(['cancel', 'reschedule']));
    expect(res.body.actions).not.toContain('confirm');

    // The slot is gone from the booth's offer, and the guest finds the appointment in their list.
    expect((await freeSlots(guest, expo.berlin.id)).map((s) => s.start)).not.toContain(slot.start);
    const mine = await guest.get<{ appointments: Appointment[] }>('/api/appointments');
    expect(mine.body.appointments.map((a) => a.id)).toEqual([res.body.id]);
  });

  it('gives a slot raced for by two guests to exactly one of them; the other gets 409 CONFLICT saying it was just taken', async () => {
    const [first, second] = await Promise.all([expo.guest('Asia/Tokyo', 'Racer One'), expo.guest('Europe/London', 'Racer Two')]);
    const slot = (await freeSlots(first, expo.berlin.id))[0]!;
    const body = { boothId: expo.berlin.id, start: slot.start, staffId: annaStaffId };

    const results = await Promise.all([book(first, body), book(second, body)]);

    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(apiError(lost)).toMatchObject({ code: ErrorCode.Conflict, details: { reason: 'taken' } });
    expect(apiError(lost).message).toMatch(/just taken/);

    const annas = await anna.get<{ appointments: Appointment[] }>('/api/appointments');
    expect(annas.body.appointments.filter((a) => a.start === slot.start)).toHaveLength(1);
  });

  it('refuses a guest a second appointment overlapping their first, even at another booth, with 409 CONFLICT', async () => {
    const guest = await expo.guest('Europe/Berlin');
    const start = await commonStart(guest, expo.berlin, expo.shenzhen);
    expect((await book(guest, { boothId: expo.berlin.id, start, staffId: annaStaffId })).status).toBe(201);

    const second = await book(guest, { boothId: expo.shenzhen.id, start });
    expect(second.status).toBe(409);
    expect(apiError(second)).toMatchObject({ code: ErrorCode.Conflict, details: { reason: 'guest-busy' } });
    expect((await guest.get<{ appointments: Appointment[] }>('/api/appointments')).body.appointments).toHaveLength(1);
    // Shenzhen's reps are still free then.
    expect((await freeSlots(guest, expo.shenzhen.id)).map((s) => s.start)).toContain(start);
  });

  it('refuses a time that is not one of the booth\u2019s slots with 400 BAD_REQUEST and books nothing', async () => {
    const guest = await expo.guest('Europe/Berlin');
    const slot = (await freeSlots(guest, expo.berlin.id))[0]!;
    const offGrid = new Date(Date.parse(slot.start) + 7 * MINUTE).toISOString();
    const inThePast = new Date(Date.now() - DAY).toISOString();
    const afterTheEvent = new Date(Date.now() + 60 * DAY).toISOString();

    for (const start of [offGrid, inThePast, afterTheEvent]) {
      const res = await book(guest, { boothId: expo.berlin.id, start, staffId: annaStaffId });
      expect(res.status, start).toBe(400);
      expect(apiError(res)).toMatchObject({ code: ErrorCode.BadRequest, details: { reason: 'not-offered' } });
    }
    const noOffset = await book(guest, { boothId: expo.berlin.id, start: slot.start.replace(/\.\d+Z$|Z$/, '') });
    expect(noOffset.status).toBe(400);
    expect((await guest.get<{ appointments: Appointment[] }>('/api/appointments')).body.appointments).toEqual([]);
  });

  it('answers a signed-out booking with 401 UNAUTHORIZED', async () => {
    const slot = (await freeSlots(expo.anon, expo.berlin.id))[0]!;
    const res = await book(expo.anon, { boothId: expo.berlin.id, start: slot.start });
    expect(res.status).toBe(401);
    expect(apiError(res).code).toBe(ErrorCode.Unauthorized);
    expect((await freeSlots(expo.anon, expo.berlin.id))[0]!.start).toBe(slot.start);
  });

  it('lets the booth staff, not the guest, confirm a requested appointment', async () => {
    const guest = await expo.guest('America/New_York');
    const slot = (await freeSlots(guest, expo.berlin.id))[0]!;
    const booked = expectStatus(await book(guest, { boothId: expo.berlin.id, start: slot.start }), 201).body;

    const byGuest = await guest.patch(`/api/appointments/${booked.id}`, { action: 'confirm' });
    expect(byGuest.status).toBe(403);
    expect(apiError(byGuest).code).toBe(ErrorCode.Forbidden);

    const list = await anna.get<{ appointments: Appointment[] }>('/api/appointments');
    const seen = list.body.appointments.find((a) => a.id === booked.id);
    expect(seen).toMatchObject({ status: 'requested', guest: { id: guest.user!.id, timeZone: 'America/New_York' } });
    expect(seen?.actions).toEqual(expect.arrayContaining(['confirm', 'decline']));

    const confirmed = await anna.patch<Appointment>(`/api/appointments/${booked.id}`, { action: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await guest.get<Appointment>(`/api/appointments/${booked.id}`)).body.status).toBe('confirmed');

    const again = await anna.patch(`/api/appointments/${booked.id}`, { action: 'confirm' });
    expect(again.status).toBe(409);
  });

  it('frees the slot again when the guest cancels', async () => {
    const guest = await expo.guest('Europe/Berlin');
    const slot = (await freeSlots(guest, expo.berlin.id))[0]!;
    const booked = expectStatus(await book(guest, { boothId: expo.berlin.id, start: slot.start }), 201).body;
    expect((await freeSlots(guest, expo.berlin.id)).map((s) => s.start)).not.toContain(slot.start);

    const cancelled = await guest.patch<Appointment>(`/api/appointments/${booked.id}`, { action: 'cancel', reason: 'plans changed' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await freeSlots(guest, expo.berlin.id)).map((s) => s.start)).toContain(slot.start);
    expect((await guest.patch(`/api/appointments/${booked.id}`, { action: 'cancel' })).status).toBe(409);
  });

  it('moves a confirmed appointment the guest reschedules and sends it back to requested', async () => {
    const guest = await expo.guest('Asia/Shanghai');
    const [first, , , later] = await freeSlots(guest, expo.berlin.id);
    const booked = expectStatus(await book(guest, { boothId: expo.berlin.id, start: first!.start }), 201).body;
    expectStatus(await anna.patch(`/api/appointments/${booked.id}`, { action: 'confirm' }), 200);

    const moved = await guest.patch<Appointment>(`/api/appointments/${booked.id}`, { action: 'reschedule', start: later!.start });

    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: booked.id, status: 'requested', start: later!.start, end: later!.end });
    expect(moved.body.guest.local).toEqual(later!.guestLocal);
    const offered = (await freeSlots(guest, expo.berlin.id)).map((s) => s.start);
    expect(offered).toContain(first!.start);
    expect(offered).not.toContain(later!.start);
  });

  it('refuses to reschedule onto a time the guest is already booked elsewhere with 409 CONFLICT', async () => {
    const guest = await expo.guest('Europe/Berlin');
    const start = await commonStart(guest, expo.berlin, expo.shenzhen);
    expectStatus(await book(guest, { boothId: expo.berlin.id, start }), 201, 'Berlin booking');
    const elsewhere = (await freeSlots(guest, expo.shenzhen.id)).find((s) => Date.parse(s.start) >= Date.parse(start) + DAY)!;
    const other = expectStatus(await book(guest, { boothId: expo.shenzhen.id, start: elsewhere.start }), 201, 'Shenzhen booking').body;

    const res = await guest.patch<Appointment>(`/api/appointments/${other.id}`, { action: 'reschedule', start });

    expect(res.status).toBe(409);
    expect(apiError(res).code).toBe(ErrorCode.Conflict);
    const mine = (await guest.get<{ appointments: Appointment[] }>('/api/appointments')).body.appointments;
    expect(mine.filter((a) => a.start === start)).toHaveLength(1);
  });

  it("answers someone else's appointment with 404, as if it did not exist", async () => {
    const owner = await expo.guest('Europe/Berlin');
    const stranger = await expo.guest('Europe/Berlin');
    const otherStaff = await expo.staff('michael.brooks@example.com');
    const slot = (await freeSlots(owner, expo.berlin.id))[0]!;
    const booked = expectStatus(await book(owner, { boothId: expo.berlin.id, start: slot.start }), 201).body;

    for (const client of [stranger, otherStaff]) {
      for (const res of [
        await client.get(`/api/appointments/${booked.id}`),
        await client.get(`/api/appointments/${booked.id}/ics`),
        await client.patch(`/api/appointments/${booked.id}`, { action: 'cancel' }),
        await client.post(`/api/appointments/${booked.id}/join`),
      ]) {
        expect(res.status).toBe(404);
        expect(apiError(res).code).toBe(ErrorCode.NotFound);
      }
    }
    const unknown = await stranger.get('/api/appointments/no-such-appointment');
    expect(apiError(unknown)).toEqual(apiError(await stranger.get(`/api/appointments/${booked.id}`)));
    expect((await owner.get<Appointment>(`/api/appointments/${booked.id}`)).body.status).toBe('requested');
  });

  describe('calendar file', () => {
    const compact = (local: { date: string; time: string }) => `${local.date.replaceAll('-', '')}T${local.time.replace(':', '')}00`;

    it("is text/calendar in the guest's own zone: DTSTART with TZID, a VTIMEZONE for it, and the guest's local start", async () => {
      const guest = await expo.guest('America/Los_Angeles');
      const slot = (await freeSlots(guest, expo.berlin.id))[0]!;
      const booked = expectStatus(await book(guest, { boothId: expo.berlin.id, start: slot.start }), 201).body;

      const res = await guest.get(`/api/appointments/${booked.id}/ics`);

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = res.text.replace(/\r\n[ \t]/g, '');
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toContain(`DTSTART;TZID=America/Los_Angeles:${compact(booked.guest.local)}`);
      expect(ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/Los_Angeles\r\n/);
      expect(ics).toContain(`${booked.id}@`);
      expect(compact(booked.guest.local)).toBe(compact(slot.guestLocal));

      const forStaff = (await anna.get(`/api/appointments/${booked.id}/ics`)).text.replace(/\r\n[ \t]/g, '');
      expect(forStaff).toContain(`DTSTART;TZID=Europe/Berlin:${compact(booked.staff.local)}`);
      expect(forStaff).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n/);
    });

    it('names the other party in the description, also when guest and staff share a time zone', async () => {
      const guest = await expo.guest('Europe/Berlin', 'Greta Gast');
      const slot = (await freeSlots(guest, expo.berlin.id))[0]!;
      const booked = expectStatus(await book(guest, { boothId: expo.berlin.id, start: slot.start }), 201).body;

      const forGuest = (await guest.get(`/api/appointments/${booked.id}/ics`)).text.replace(/\r\n[ \t]/g, '');
      const forStaff = (await anna.get(`/api/appointments/${booked.id}/ics`)).text.replace(/\r\n[ \t]/g, '');

      expect(forGuest).toMatch(/DESCRIPTION:Video appointment with Anna Schmidt/);
      expect(forGuest).toMatch(/SUMMARY:Meeting with Anna Schmidt \(Berliner Robotik\)/);
      // Anna Schmidt's profile language is German: her calendar file is written in German.
      expect(forStaff).toMatch(/DESCRIPTION:Video-Termin mit Greta Gast/);
      expect(forStaff).toMatch(/SUMMARY:Meeting mit Greta Gast \(Berliner Robotik\)/);
    });
  });
});

describe('joining the meeting of an appointment', () => {
  let anna: ApiClient;
  let guest: ApiClient;
  let otherGuest: ApiClient;
  let confirmed: Appointment;
  let unconfirmed: Appointment;
  const sockets: TestClient[] = [];
  const socket = async () => {
    const client = await connectClient(platform.url);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    anna = await expo.staff('anna.schmidt@example.com');
    guest = await expo.guest('America/Los_Angeles', 'Jo Guest');
    otherGuest = await expo.guest('Asia/Shanghai', 'Unconfirmed Guest');
    // Both appointments start at the same moment, so one clock setting puts both in their join window.
    const start = await commonStart(guest, expo.berlin, expo.shenzhen);
    confirmed = expectStatus(await book(guest, { boothId: expo.berlin.id, start }), 201).body;
    expectStatus(await anna.patch(`/api/appointments/${confirmed.id}`, { action: 'confirm' }), 200);
    unconfirmed = expectStatus(await book(otherGuest, { boothId: expo.shenzhen.id, start }), 201).body;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  it('refuses to open the room earlier than 10 minutes before the start with 409 CONFLICT and says when it opens', async () => {
    const res = await guest.post(`/api/appointments/${confirmed.id}/join`);
    expect(res.status).toBe(409);
    expect(apiError(res)).toMatchObject({ code: ErrorCode.Conflict, details: { opensAt: confirmed.joinOpensAt } });
    expect(confirmed.joinOpensAt).toBe(new Date(Date.parse(confirmed.start) - 10 * MINUTE).toISOString());

    await setServerClock(platform.url, Date.parse(confirmed.start) - 10 * MINUTE - 30_000);
    expect((await guest.post(`/api/appointments/${confirmed.id}/join`)).status).toBe(409);
  });

  it('issues a meeting token and the /meet/appt-<id> url inside the join window', async () => {
    await setServerClock(platform.url, Date.parse(confirmed.start) - 5 * MINUTE);

    const res = await guest.post<JoinResponse>(`/api/appointments/${confirmed.id}/join`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      roomId: `appt-${confirmed.id}`,
      url: `/meet/appt-${confirmed.id}`,
      token: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
      expiresAt: confirmed.end,
    });
    expect((await guest.get<Appointment>(`/api/appointments/${confirmed.id}`)).body.actions).toContain('join');
  });

  it('does not let anyone join a requested (unconfirmed) appointment, even inside its window', async () => {
    await setServerClock(platform.url, Date.parse(unconfirmed.start) - 5 * MINUTE);
    const shenzhenRep = await expo.staff('chen.jie@example.com');
    for (const client of [otherGuest, shenzhenRep]) {
      const res = await client.post(`/api/appointments/${unconfirmed.id}/join`);
      expect(res.status).toBe(409);
      // Nobody answered it, so 5 minutes before its start it has expired (REQUEST_EXPIRY_MINUTES, default 60).
      expect(apiError(res)).toMatchObject({ code: ErrorCode.Conflict, details: { status: 'expired' } });
    }
  });

  it("admits the guest's token to the room as guest and the staff member's as host, under the names of their accounts", async () => {
    await setServerClock(platform.url, Date.parse(confirmed.start) - 5 * MINUTE);
    const guestJoin = expectStatus(await guest.post<JoinResponse>(`/api/appointments/${confirmed.id}/join`), 200).body;
    const hostJoin = expectStatus(await anna.post<JoinResponse>(`/api/appointments/${confirmed.id}/join`), 200).body;
    expect(hostJoin.roomId).toBe(guestJoin.roomId);

    const guestSocket = await socket();
    const asGuest = await guestSocket.request('join', { roomId: guestJoin.roomId, displayName: 'Mallory', token: guestJoin.token });
    expect(asGuest).toMatchObject({ ok: true, data: { roomId: guestJoin.roomId, role: 'guest' } });

    const hostSocket = await socket();
    const asHost = await hostSocket.request('join', { roomId: hostJoin.roomId, displayName: 'Anna', token: hostJoin.token });
    expect(asHost).toMatchObject({ ok: true, data: { role: 'host', peers: [{ displayName: 'Jo Guest' }] } });
  });

  it('refuses an appointment room without a token (UNAUTHORIZED) and with the token of another room (FORBIDDEN)', async () => {
    await setServerClock(platform.url, Date.parse(confirmed.start) - 5 * MINUTE);
    const { token } = expectStatus(await guest.post<JoinResponse>(`/api/appointments/${confirmed.id}/join`), 200).body;
    const client = await socket();

    const noToken = await client.request('join', { roomId: `appt-${confirmed.id}`, displayName: 'Eve' });
    expect(noToken).toMatchObject({ ok: false, error: { code: ErrorCode.Unauthorized } });

    const otherRoom = await client.request('join', { roomId: `appt-${unconfirmed.id}`, displayName: 'Eve', token });
    expect(otherRoom).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden, details: { reason: 'wrong-room' } } });

    const forged = await client.request('join', { roomId: `appt-${confirmed.id}`, displayName: 'Eve', token: `${token}x` });
    expect(forged).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
  });

  it('closes the room at the end of the appointment: no new token, and an issued token no longer admits', async () => {
    await setServerClock(platform.url, Date.parse(confirmed.start) - 5 * MINUTE);
    const { token, roomId } = expectStatus(await guest.post<JoinResponse>(`/api/appointments/${confirmed.id}/join`), 200).body;

    await setServerClock(platform.url, confirmed.end);
    const late = await guest.post(`/api/appointments/${confirmed.id}/join`);
    expect(late.status).toBe(409);
    expect(apiError(late).code).toBe(ErrorCode.Conflict);

    const client = await socket();
    const ack = await client.request('join', { roomId, displayName: 'Jo', token });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden, details: { reason: 'expired' } } });
  });
});
