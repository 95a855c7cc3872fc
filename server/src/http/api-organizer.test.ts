import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorCode,
  type TalkDto,
  type AgendaWarningDto,
  type Appointment,
  type AvailabilityDto,
  type Booth,
  type ExpoEvent,
  type Slot,
  type SlotsResponse,
} from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const STAFF = { email: 'klara.berg@example.test', password: 'klara-berlin-2027', name: 'Klara Berg' };

/**
 * An event the organizer sets up across the 2027 spring DST changes: the United States
 * moves its clocks on 14 March, the European Union on 28 March (01:00 UTC). From New York,
 * Berlin is 5 hours ahead until then and 6 hours after.
 */
describe('an organizer-made event across the spring DST change, over HTTP', () => {
  let platform: Platform;
  let organizer: ApiClient;
  let staff: ApiClient;
  let guest: ApiClient;
  let event: ExpoEvent;
  let booth: Booth;
  let staffId: string;

  const slotsFor = async (client: ApiClient, from: string, to: string) => {
    const query = new URLSearchParams({ from, to });
    return expectStatus(await client.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${query}`), 200, 'slots').body;
  };
  const at = (slots: Slot[], start: string) => {
    const slot = slots.find((s) => s.start === start);
    if (!slot) throw new Error(`no slot at ${start}`);
    return slot;
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true' });
    // First move the clock (signed out), then sign in: sessions are dated on the server's clock.
    await setServerClock(platform.url, '2027-03-20T12:00:00Z');
    organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);

    event = expectStatus(
      await organizer.post<ExpoEvent>('/api/events', {
        name: 'Spring Machinery Week',
        startsOn: '2027-03-25',
        endsOn: '2027-04-02',
        timeZone: 'Europe/Berlin',
      }),
      201,
      'create event',
    ).body;
    event = expectStatus(await organizer.post<ExpoEvent>(`/api/events/${event.id}/halls`, { name: 'Hall 1' }), 201, 'add hall').body;
    booth = expectStatus(
      await organizer.post<Booth>(`/api/events/${event.id}/booths`, {
        hallId: event.halls[0]!.id,
        organisation: 'Spree Hydraulics',
        tags: ['hydraulics'],
        languages: ['de', 'en'],
        country: 'DE',
      }),
      201,
      'add booth',
    ).body;
    booth = expectStatus(
      await organizer.post<Booth>(`/api/booths/${booth.id}/staff`, {
        ...STAFF,
        title: 'Sales',
        timeZone: 'Europe/Berlin',
        country: 'DE',
      }),
      201,
      'add staff',
    ).body;

    staff = await signIn(platform.url, STAFF.email, STAFF.password);
    const mine = expectStatus(await staff.get<{ staff: { id: string; boothId: string }[] }>('/api/staff/me'), 200, 'staff/me').body;
    staffId = mine.staff[0]!.id;
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
    expectStatus(
      await staff.put<AvailabilityDto>(`/api/staff/${staffId}/availability`, {
        timeZone: 'Europe/Berlin',
        weekly,
        exceptions: [],
        bufferMinutes: 0,
        meetingLengths: [30],
      }),
      200,
      'set availability',
    );
    guest = await registerGuest(platform.url, { timeZone: 'America/New_York', name: 'Nora York' });
  });
  afterAll(() => platform.close());

  it('builds the event, hall, booth and staff member the organizer asked for', async () => {
    expect(event).toMatchObject({ name: 'Spring Machinery Week', startsOn: '2027-03-25', endsOn: '2027-04-02', timeZone: 'Europe/Berlin' });
    expect(event.halls).toEqual([expect.objectContaining({ name: 'Hall 1', position: 0 })]);
    expect(booth).toMatchObject({ eventId: event.id, hallId: event.halls[0]!.id, organisation: 'Spree Hydraulics' });
    expect(booth.staff).toEqual([expect.objectContaining({ id: staffId, name: STAFF.name, title: 'Sales', timeZone: 'Europe/Berlin' })]);
    // The staff member's own availability (30-minute meetings only) is what the public booth shows now.
    const published = await new ApiClient(platform.url).get<Booth>(`/api/booths/${booth.id}`);
    expect(published.body.staff[0]?.meetingLengths).toEqual([30]);
    expect(staff.user).toMatchObject({ role: 'staff', boothIds: [booth.id] });

    const availability = await staff.get<AvailabilityDto>(`/api/staff/${staffId}/availability`);
    expect(availability.body.weekly).toHaveLength(7);
  });

  it('shows a New York guest the 09:00 Berlin slot at 04:00 on 26 March (5 h apart) and at 03:00 on 30 March (6 h apart)', async () => {
    const { slots, guestZone } = await slotsFor(guest, '2027-03-25T00:00:00+01:00', '2027-04-03T00:00:00+02:00');
    expect(guestZone).toBe('America/New_York');

    const before = at(slots, '2027-03-26T08:00:00.000Z');
    expect(before.staffLocal).toMatchObject({ zone: 'Europe/Berlin', date: '2027-03-26', time: '09:00', offsetMinutes: 60 });
    expect(before.guestLocal).toMatchObject({ zone: 'America/New_York', date: '2027-03-26', time: '04:00', offsetMinutes: -240 });
    expect(before).toMatchObject({ nightForGuest: true, nightForStaff: false, preferred: false });

    const after = at(slots, '2027-03-30T07:00:00.000Z');
    expect(after.staffLocal).toMatchObject({ zone: 'Europe/Berlin', date: '2027-03-30', time: '09:00', offsetMinutes: 120 });
    expect(after.guestLocal).toMatchObject({ zone: 'America/New_York', date: '2027-03-30', time: '03:00', offsetMinutes: -240 });

    // Every day of the event, the first slot is 09:00 in Berlin, whatever that is in UTC or New York.
    const firstPerDay = new Map<string, Slot>();
    for (const slot of slots) if (!firstPerDay.has(slot.staffLocal.date)) firstPerDay.set(slot.staffLocal.date, slot);
    expect([...firstPerDay.keys()]).toEqual([
      '2027-03-25',
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
      '2027-03-29',
      '2027-03-30',
      '2027-03-31',
      '2027-04-01',
      '2027-04-02',
    ]);
    for (const slot of firstPerDay.values()) expect(slot.staffLocal.time).toBe('09:00');
    expect(firstPerDay.get('2027-03-28')!.start).toBe('2027-03-28T07:00:00.000Z');
    expect([...firstPerDay.values()].map((s) => s.guestLocal.time)).toEqual([
      '04:00',
      '04:00',
      '04:00',
      '03:00',
      '03:00',
      '03:00',
      '03:00',
      '03:00',
      '03:00',
    ]);
  });

  it('warns about the Berlin change on every slot after it while the clock is before it, and on none before it', async () => {
    const { slots } = await slotsFor(guest, '2027-03-25T00:00:00+01:00', '2027-04-03T00:00:00+02:00');
    const change = '2027-03-28T01:00:00.000Z';
    for (const slot of slots) {
      if (slot.end > change) {
        expect(slot.dstWarnings, slot.start).toEqual([
          { zone: 'Europe/Berlin', at: change, offsetBeforeMinutes: 60, offsetAfterMinutes: 120, forGuest: false },
        ]);
      } else {
        // New York changed on 14 March, before "now": nothing to warn about.
        expect(slot.dstWarnings, slot.start).toEqual([]);
      }
    }
    expect(slots.some((s) => s.end > change)).toBe(true);
    expect(slots.some((s) => s.end <= change)).toBe(true);
  });

  it('books across the change with both local times right and the warning on the appointment', async () => {
    const booked = await guest.post<Appointment>('/api/appointments', { boothId: booth.id, start: '2027-03-30T07:00:00Z' });
    expect(booked.status).toBe(201);
    expect(booked.body.guest.local).toMatchObject({ date: '2027-03-30', time: '03:00', zone: 'America/New_York' });
    expect(booked.body.staff.local).toMatchObject({ date: '2027-03-30', time: '09:00', zone: 'Europe/Berlin' });
    expect(booked.body.dstWarnings).toEqual([
      { zone: 'Europe/Berlin', at: '2027-03-28T01:00:00.000Z', offsetBeforeMinutes: 60, offsetAfterMinutes: 120, forGuest: false },
    ]);
  });

  it('drops the warning once the server clock has passed the change', async () => {
    await setServerClock(platform.url, '2027-03-28T06:00:00Z');
    const { slots } = await slotsFor(guest, '2027-03-29T00:00:00+02:00', '2027-03-31T00:00:00+02:00');
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.dstWarnings.length === 0)).toBe(true);
    expect(at(slots, '2027-03-30T07:30:00.000Z').guestLocal.time).toBe('03:30');
  });

  describe('agenda', () => {
    it('answers a session that overlaps another on the same hall with a stage_overlap warning naming both', async () => {
      const hallId = event.halls[0]!.id;
      const first = await organizer.post<{ session: TalkDto; warnings: AgendaWarningDto[] }>(`/api/events/${event.id}/sessions`, {
        hallId,
        title: 'Hydraulics 101',
        kind: 'talk',
        speakers: ['Klara Berg'],
        start: '2027-03-31T10:00:00+02:00',
        end: '2027-03-31T11:00:00+02:00',
        capacity: 200,
      });
      expect(first.status).toBe(201);
      expect(first.body.warnings).toEqual([]);

      const second = await organizer.post<{ session: TalkDto; warnings: AgendaWarningDto[] }>(`/api/events/${event.id}/sessions`, {
        hallId,
        title: 'Pumps panel',
        kind: 'panel',
        speakers: ['Someone Else'],
        start: '2027-03-31T10:30:00+02:00',
        end: '2027-03-31T11:30:00+02:00',
        capacity: 100,
      });
      expect(second.status).toBe(201);
      expect(second.body.session).toMatchObject({ title: 'Pumps panel', start: '2027-03-31T08:30:00.000Z', end: '2027-03-31T09:30:00.000Z' });
      expect(second.body.warnings).toEqual([
        expect.objectContaining({ kind: 'stage_overlap', sessionIds: [first.body.session.id, second.body.session.id] }),
      ]);

      const agenda = await new ApiClient(platform.url).get<{ sessions: TalkDto[]; warnings: AgendaWarningDto[] }>(`/api/events/${event.id}/sessions`);
      expect(agenda.body.sessions).toHaveLength(2);
      expect(agenda.body.warnings.map((w) => w.kind)).toEqual(['stage_overlap']);
    });
  });

  describe('who may do what', () => {
    it.each([
      ['POST', '/api/events', { name: 'Guest Expo', startsOn: '2027-05-01', endsOn: '2027-05-02', timeZone: 'UTC' }],
      ['POST', '/api/events/{event}/halls', { name: 'Guest Hall' }],
      [
        'POST',
        '/api/booths/{booth}/staff',
        { name: 'Sneaky', email: 'sneaky@example.test', password: 'sneaky-password', timeZone: 'UTC', country: 'US' },
      ],
    ] as const)('refuses a guest the organizer route %s %s with 403 FORBIDDEN and writes nothing', async (method, path, body) => {
      const eventsBefore = (await guest.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
      const res = await guest.request(method, path.replace('{event}', event.id).replace('{booth}', booth.id), { body });
      expect(res.status).toBe(403);
      expect(apiError(res).code).toBe(ErrorCode.Forbidden);
      expect((await guest.get<{ events: ExpoEvent[] }>('/api/events')).body.events).toEqual(eventsBefore);
      expect(await platform.services.store.users.byEmail('sneaky@example.test')).toBeUndefined();
    });

    it("refuses a guest the availability of a staff member (403) and a staff member another's (404)", async () => {
      const byGuest = await guest.put(`/api/staff/${staffId}/availability`, {
        timeZone: 'UTC',
        weekly: [],
        exceptions: [],
        bufferMinutes: 0,
        meetingLengths: [30],
      });
      expect(byGuest.status).toBe(403);

      const anna = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password);
      const byOtherStaff = await anna.get(`/api/staff/${staffId}/availability`);
      expect(byOtherStaff.status).toBe(404);
      expect(apiError(byOtherStaff).code).toBe(ErrorCode.NotFound);
    });
  });
});
