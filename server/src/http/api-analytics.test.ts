import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Booth, type BoothAnalytics, type EventAnalytics, type ExpoEvent, type LiveNow } from '@ca/signaling';
import { analyticsColumns } from '../i18n/analyticsTexts.js';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import type { AppointmentRow } from '../store/schema.js';
import { ApiClient, apiError, expectStatus, rawGet, signIn } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

/** The independent oracle: Intl's own idea of the local day and hour of an instant. */
function localDayHour(instant: string, zone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const quality = (rttMs: number | null, lossPct: number | null, bitrateKbps: number | null) =>
  JSON.stringify({ samples: 5, rttMs, lossPct, bitrateKbps });

/**
 * Three days around Berlin's spring-forward (2027-03-28, 02:00 → 03:00): seeded appointments,
 * attendance, walk-ins and visits whose local days and hours the dashboard must place as Intl does.
 */
const RANGE = { from: '2027-03-27', to: '2027-03-29' };
const SEEDED: { key: string; start: string; status: AppointmentRow['status'] }[] = [
  { key: 'held', start: '2027-03-27T09:00:00.000Z', status: 'completed' },
  { key: 'noShow', start: '2027-03-28T01:30:00.000Z', status: 'no_show' },
  { key: 'requested', start: '2027-03-27T23:30:00.000Z', status: 'requested' },
  { key: 'declined', start: '2027-03-29T10:00:00.000Z', status: 'declined' },
  { key: 'confirmed', start: '2027-03-29T12:00:00.000Z', status: 'confirmed' },
  { key: 'outside', start: '2027-04-10T09:00:00.000Z', status: 'completed' },
];
const VISITS = [
  { bucket: '2027-03-27T22:45:00.000Z', n: 3 },
  { bucket: '2027-03-27T23:00:00.000Z', n: 2 },
];
const WALK_IN_AT = '2027-03-28T10:00:00.000Z';

describe('dashboards: a booth for its staff, the event and its live view for organizers', () => {
  let platform: Platform;
  let event: ExpoEvent;
  let booth: Booth;
  let otherBooth: Booth;
  let anna: ApiClient;
  let otherStaff: ApiClient;
  let organizer: ApiClient;
  let guest: ApiClient;
  const ids = new Map<string, string>();
  let stageTalkId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const { store } = platform.services;
    const anon = new ApiClient(platform.url);
    event = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events[0]!;
    const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event.id}/booths`)).body.booths;
    booth = booths.find((b) => b.organisation === 'Berliner Robotik')!;
    otherBooth = booths.find((b) => b.staff.some((s) => s.name === DEMO_ACCOUNTS.exhibitor.name))!;
    anna = await signIn(platform.url, 'anna.schmidt@example.com', DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.90' });
    otherStaff = await signIn(platform.url, DEMO_ACCOUNTS.exhibitor.email, DEMO_ACCOUNTS.exhibitor.password, { forwardedFor: '203.0.113.91' });
    organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password, { forwardedFor: '203.0.113.92' });
    guest = await signIn(platform.url, DEMO_ACCOUNTS.guest.email, DEMO_ACCOUNTS.guest.password, { forwardedFor: '203.0.113.93' });

    const staff = (await store.expo.staffOf([booth.id]))[0]!;
    const otherStaffRow = (await store.expo.staffOf([otherBooth.id]))[0]!;
    const guestIds = await Promise.all(
      [
        { country: 'CN', language: 'zh-CN' },
        { country: 'BR', language: 'pt-BR' },
        { country: 'CN', language: 'zh-CN' },
      ].map(async (profile, i) => {
        const id = randomUUID();
        await store.users.insert({
          id,
          email: `${id}@example.test`,
          name: `Seeded guest ${i}`,
          password_hash: 'x',
          role: 'guest',
          time_zone: 'Asia/Shanghai',
          created_at: '2027-01-01T00:00:00.000Z',
          ...profile,
        });
        return id;
      }),
    );
    const insert = async (
      key: string,
      start: string,
      status: AppointmentRow['status'],
      at: { boothId: string; staffId: string },
      guestId: string,
    ) => {
      const id = randomUUID();
      ids.set(key, id);
      await store.appointments.insert({
        id,
        booth_id: at.boothId,
        staff_id: at.staffId,
        guest_id: guestId,
        start_at: start,
        end_at: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
        guest_zone: 'Asia/Shanghai',
        staff_zone: staff.time_zone,
        event_zone: event.timeZone,
        status,
        any_rep: 0,
        note: '',
        created_at: '2027-01-01T00:00:00.000Z',
        updated_at: '2027-01-01T00:00:00.000Z',
      });
    };
    for (const [i, a] of SEEDED.entries()) await insert(a.key, a.start, a.status, { boothId: booth.id, staffId: staff.id }, guestIds[i % 2]!);
    await insert('elsewhere', '2027-03-28T08:00:00.000Z', 'completed', { boothId: otherBooth.id, staffId: otherStaffRow.id }, guestIds[2]!);

    // The held meeting: the guest stayed 30 minutes on a good line, the host on a poor one.
    const held = `appt-${ids.get('held')}`;
    await store.attendance.joined({ roomId: held, userId: guestIds[0]!, role: 'guest', at: '2027-03-27T09:00:00.000Z' });
    await store.attendance.left({ roomId: held, userId: guestIds[0]!, at: '2027-03-27T09:30:00.000Z' });
    await store.attendance.setQuality(held, guestIds[0]!, quality(40, 0.5, 900));
    await store.attendance.joined({ roomId: held, userId: staff.user_id, role: 'host', at: '2027-03-27T09:00:00.000Z' });
    await store.attendance.setQuality(held, staff.user_id, quality(400, 8, null));
    // A walk-in at the booth (its host's own row is not a walk-in).
    await store.attendance.joined({ roomId: `booth-${booth.id}`, userId: guestIds[1]!, role: 'guest', at: WALK_IN_AT });
    await store.attendance.joined({ roomId: `booth-${booth.id}`, userId: staff.user_id, role: 'host', at: WALK_IN_AT });
    for (const v of VISITS) for (let i = 0; i < v.n; i += 1) await store.analytics.countVisit(booth.id, v.bucket);
    // Leads: the held meeting rated hot; a card shared for the confirmed one, one withdrawn for the no-show.
    await store.leads.saveNote({
      appointment_id: ids.get('held')!,
      booth_id: booth.id,
      rating: 'hot',
      tags: '[]',
      note: '',
      answers: '{}',
      updated_at: '2027-03-27T10:00:00.000Z',
      updated_by: staff.user_id,
    });
    for (const key of ['confirmed', 'noShow']) {
      await store.leads.shareCard({
        appointment_id: ids.get(key)!,
        booth_id: booth.id,
        guest_id: guestIds[0]!,
        card: '{"name":"x"}',
        consented_at: '2027-03-27T10:00:00.000Z',
      });
    }
    await store.leads.revokeCard(ids.get('noShow')!, '2027-03-27T11:00:00.000Z');
    // A stage audience member in the range.
    stageTalkId = (await store.agenda.forEvent(event.id))[0]!.id;
    await store.attendance.joined({ roomId: `stage-${stageTalkId}`, userId: guestIds[2]!, role: 'audience', at: '2027-03-28T14:00:00.000Z' });
  });
  afterAll(() => platform?.close());

  const boothAnalytics = async (client: ApiClient, extra: Record<string, string> = {}) =>
    expectStatus(await client.get<BoothAnalytics>(`/api/booths/${booth.id}/analytics?${new URLSearchParams({ ...RANGE, ...extra })}`), 200).body;

  it("counts a booth's days as its staff member's zone sees them, across the spring-forward night", async () => {
    const a = await boothAnalytics(anna);
    expect(a.timeZone).toBe('Europe/Berlin');
    expect(a.totals).toEqual({
      visits: 5,
      walkIns: 1,
      requested: 5,
      accepted: 3,
      held: 1,
      noShows: 1,
      declined: 1,
      cancelled: 0,
      expired: 0,
      averageMeetingMinutes: 30,
      cardsShared: 1,
      leads: { hot: 1, warm: 0, cold: 0, unrated: 1 },
    });
    // Every seeded instant on the day and hour Intl gives it in Berlin.
    const expectedRequested = new Map<string, number>();
    for (const s of SEEDED.filter((x) => x.key !== 'outside')) {
      const { date } = localDayHour(s.start, 'Europe/Berlin');
      expectedRequested.set(date, (expectedRequested.get(date) ?? 0) + 1);
    }
    expect(a.daily.map((d) => d.date)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    for (const d of a.daily) expect(d.requested, d.date).toBe(expectedRequested.get(d.date) ?? 0);
    const visitDays = VISITS.map((v) => ({ ...localDayHour(v.bucket, 'Europe/Berlin'), n: v.n }));
    for (const d of a.daily) expect(d.visits, d.date).toBe(visitDays.filter((v) => v.date === d.date).reduce((s, v) => s + v.n, 0));
    const heldHour = localDayHour(SEEDED[0]!.start, 'Europe/Berlin').hour;
    const walkInHour = localDayHour(WALK_IN_AT, 'Europe/Berlin').hour;
    expect(a.hours.filter((h) => h.meetings > 0)).toEqual([{ hour: heldHour, meetings: 1, walkIns: heldHour === walkInHour ? 1 : 0 }]);
    expect(a.hours[walkInHour]!.walkIns).toBe(1);
    expect(a.hours.reduce((s, h) => s + h.meetings + h.walkIns, 0)).toBe(2);
    // Medians over the people: a good guest line and a poor host line.
    expect(a.quality).toEqual({ reports: 2, rttMs: 220, lossPct: 4.3, bitrateKbps: 900, good: 1, fair: 0, poor: 1 });
  });

  it('places the same instants on other days when read in another zone', async () => {
    const tokyo = await boothAnalytics(anna, { timeZone: 'Asia/Tokyo' });
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    for (const d of tokyo.daily) {
      const expected = VISITS.filter((v) => localDayHour(v.bucket, 'Asia/Tokyo').date === d.date).reduce((s, v) => s + v.n, 0);
      expect(d.visits, d.date).toBe(expected);
    }
    expect(tokyo.daily.find((d) => d.date === '2027-03-27')!.visits).toBe(0);
  });

  it("gives the booth's numbers to its own staff only: other staff, guests, organizers and strangers get typed errors", async () => {
    const path = `/api/booths/${booth.id}/analytics`;
    expect(apiError(await otherStaff.get(path))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await guest.get(path))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await organizer.get(path))).toMatchObject({ code: ErrorCode.Forbidden });
    expect((await new ApiClient(platform.url).get(path)).status).toBe(401);
    expect(apiError(await anna.get('/api/booths/no-such-booth/analytics'))).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('refuses malformed, reversed, too long and unknown-zone ranges with BAD_REQUEST', async () => {
    const path = `/api/booths/${booth.id}/analytics`;
    for (const q of [
      'from=2027-13-01&to=2027-03-29',
      'from=2027-03-29&to=2027-03-27',
      'from=2027-01-01&to=2028-01-02',
      'timeZone=Mars/Olympus_Mons',
      'timeZone=../../etc',
      'foo=bar',
      `from=${'9'.repeat(5000)}`,
    ]) {
      expect(apiError(await anna.get(`${path}?${q}`)), q).toMatchObject({ code: ErrorCode.BadRequest });
    }
    // A full year is allowed.
    expect((await anna.get(`${path}?from=2027-01-01&to=2027-12-31`)).status).toBe(200);
  });

  it("exports the booth's days as CSV with a BOM, headers in the reader's language, numbers that match the JSON", async () => {
    const json = await boothAnalytics(anna);
    const raw = await rawGet(`${platform.url}/api/booths/${booth.id}/analytics?${new URLSearchParams(RANGE)}`, {
      accept: 'text/csv',
      cookie: `ca_session=${anna.cookie('ca_session')}`,
    });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect([...raw.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(raw.body, { bom: true }) as string[][];
    const texts = analyticsColumns(anna.user!.language);
    expect(rows[0]).toEqual([texts.date, texts.visits, texts.walkIns, texts.requested, texts.accepted, texts.held, texts.noShows]);
    expect(rows.slice(1)).toEqual(json.daily.map((d) => [d.date, d.visits, d.walkIns, d.requested, d.accepted, d.held, d.noShows].map(String)));
  });

  it('counts booth page visits anonymously, answers 404 for an unknown booth and limits one address', async () => {
    const visitor = new ApiClient(platform.url, { forwardedFor: '203.0.113.94' });
    const now = new Date();
    const today = { from: now.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10), timeZone: 'UTC' };
    const before = (await boothAnalytics(anna, today)).totals.visits;
    expect((await visitor.post(`/api/booths/${booth.id}/visits`)).status).toBe(204);
    expect((await guest.post(`/api/booths/${booth.id}/visits`)).status).toBe(204);
    expect((await boothAnalytics(anna, today)).totals.visits).toBe(before + 2);
    expect(apiError(await visitor.post('/api/booths/no-such-booth/visits'))).toMatchObject({ code: ErrorCode.NotFound });
    const flood = new ApiClient(platform.url, { forwardedFor: '203.0.113.95' });
    const statuses = [];
    for (let i = 0; i < 61; i += 1) statuses.push((await flood.post(`/api/booths/${booth.id}/visits`)).status);
    expect(statuses.slice(0, 60).every((s) => s === 204)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await boothAnalytics(anna, today)).totals.visits).toBe(before + 62);
  });

  it("gives organizers the event's totals per booth, hall and day, and guests by country and language", async () => {
    const e = expectStatus(await organizer.get<EventAnalytics>(`/api/events/${event.id}/analytics?${new URLSearchParams(RANGE)}`), 200).body;
    expect(e.timeZone).toBe(event.timeZone);
    expect(e.totals).toMatchObject({ requested: 6, held: 2, noShows: 1, walkIns: 1, visits: 5, stageViewers: 1, cardsShared: 1 });
    expect(e.booths.find((b) => b.boothId === booth.id)).toMatchObject({ requested: 5, held: 1, walkIns: 1, visits: 5 });
    expect(e.booths.find((b) => b.boothId === otherBooth.id)).toMatchObject({ requested: 1, held: 1, visits: 0 });
    const hallSum = e.halls.reduce((s, h) => s + h.requested, 0);
    expect(hallSum).toBe(6);
    expect(e.halls.reduce((s, h) => s + h.stageViewers, 0)).toBe(1);
    expect(e.daily.reduce((s, d) => s + d.requested, 0)).toBe(6);
    // Three seeded guests: two from China (one booked, one on stage does not count), one from Brazil.
    expect(e.countries).toEqual([
      { key: 'CN', guests: 2 },
      { key: 'BR', guests: 1 },
    ]);
    expect(e.languages).toEqual([
      { key: 'zh-CN', guests: 2 },
      { key: 'pt-BR', guests: 1 },
    ]);
    expect(JSON.stringify(e)).not.toContain('Seeded guest');
    expect(apiError(await anna.get(`/api/events/${event.id}/analytics`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect((await new ApiClient(platform.url).get(`/api/events/${event.id}/analytics`)).status).toBe(401);
    expect(apiError(await organizer.get('/api/events/no-such-event/analytics'))).toMatchObject({ code: ErrorCode.NotFound });
  });

  it('shows organizers who is in a meeting or at a stage now, per hall, leaving out stale rows', async () => {
    const { store } = platform.services;
    const live = async () => expectStatus(await organizer.get<LiveNow>(`/api/events/${event.id}/live`), 200).body;
    const before = await live();
    const now = Date.now();
    const at = new Date(now - 60_000).toISOString();
    const room = `appt-${ids.get('confirmed')}`;
    await store.attendance.joined({ roomId: room, userId: randomUUID(), role: 'guest', at });
    await store.attendance.joined({ roomId: room, userId: randomUUID(), role: 'host', at });
    await store.attendance.joined({ roomId: `stage-${stageTalkId}`, userId: randomUUID(), role: 'audience', at });
    // Left over by a node that died 13 hours ago: not live.
    await store.attendance.joined({
      roomId: `booth-${booth.id}`,
      userId: randomUUID(),
      role: 'guest',
      at: new Date(now - 13 * 3_600_000).toISOString(),
    });
    // A demo room belongs to no event.
    await store.attendance.joined({ roomId: 'demo-room', userId: randomUUID(), role: 'guest', at });
    const after = await live();
    expect(after.inMeetings - before.inMeetings).toBe(2);
    expect(after.stageViewers - before.stageViewers).toBe(1);
    expect(after.openRooms - before.openRooms).toBe(2);
    const hall = after.halls.find((h) => h.hallId === booth.hallId)!;
    expect(hall.inMeetings).toBeGreaterThanOrEqual(2);
    expect(after.halls.reduce((s, h) => s + h.inMeetings, 0)).toBe(after.inMeetings);
    expect(apiError(await anna.get(`/api/events/${event.id}/live`))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(apiError(await organizer.get('/api/events/no-such-event/live'))).toMatchObject({ code: ErrorCode.NotFound });
  });
});
