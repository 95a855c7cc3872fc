import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { sql } from 'kysely';
import { ApiClient, expectStatus, registerGuest, type ApiResponse } from '../test-support/api.js';
import { startChildPlatform, type ChildPlatform } from '../test-support/child-platform.js';
import { createTestDatabase, type TestDatabase } from '../test-support/database.js';

// Crash safety: the server process is SIGKILLed in the middle of a booking burst (no drain,
// no shutdown hook, transactions cut wherever they are); a new process on the same database
// must hold every booking it acknowledged with 201, no half-written row and no double booking.
// Runs on SQLite (WAL) and on PostgreSQL, like every test under http/.

const DAY = 86_400_000;
const GUESTS = 24;
/** Kill once this many bookings have been acknowledged (the burst offers far more). */
const KILL_AFTER_ACKS = 12;
const ACTIVE = ['requested', 'confirmed'];

type Target = { boothId: string; start: string };
type Outcome = { target: Target; guest: number; status: number | 'no answer'; appointment?: Appointment };

const env = (database: TestDatabase) => ({
  ...database.env,
  DEMO_MODE: 'true',
  MEETING_TOKEN_SECRET: 'crash-test-secret-0123456789abcdef0123456789',
  LOG_LEVEL: 'fatal',
  // The guests' forwarded addresses count (a proxy on loopback), and registerGuest reads the
  // confirmation e-mails through the test routes: the child's outbox is not in this process.
  TRUST_PROXY: 'loopback',
  ALLOW_TEST_CLOCK: 'true',
});

async function bookableTargets(url: string): Promise<Target[]> {
  const anon = new ApiClient(url);
  const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
  const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
  const from = Date.now() + DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString() });
  const targets: Target[] = [];
  for (const booth of booths) {
    const res = expectStatus(await anon.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${query}`), 200, 'slots');
    targets.push(...res.body.slots.slice(0, 8).map((s) => ({ boothId: booth.id, start: s.start })));
  }
  return targets;
}

/**
 * Every guest books its own walk through the targets (overlapping with the others', so some
 * requests race for one slot) until the server dies; resolves with every request's outcome.
 */
async function burst(guests: ApiClient[], targets: Target[], onAck: () => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let dead = false;
  await Promise.all(
    guests.map(async (guest, g) => {
      for (let i = 0; i < 6 && !dead; i++) {
        const target = targets[(g * 5 + i * 7) % targets.length]!;
        let res: ApiResponse<Appointment>;
        try {
          res = await guest.post<Appointment>('/api/appointments', target);
        } catch {
          dead = true;
          outcomes.push({ target, guest: g, status: 'no answer' });
          return;
        }
        outcomes.push({ target, guest: g, status: res.status, ...(res.status === 201 && { appointment: res.body }) });
        if (res.status === 201) onAck();
      }
    }),
  );
  return outcomes;
}

describe('a server killed in the middle of a booking burst', () => {
  let database: TestDatabase;
  let server: ChildPlatform | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await server?.kill();
    await database?.drop();
  });

  it('keeps every acknowledged booking after a restart, with no half-written row and no double booking', async () => {
    server = await startChildPlatform(env(database), 'first server');
    const first = server;
    const targets = await bookableTargets(first.url);
    expect(targets.length).toBeGreaterThan(20);
    const guests = await Promise.all(
      Array.from({ length: GUESTS }, (_, i) =>
        registerGuest(first.url, { timeZone: 'Europe/Lisbon', name: `Crash Guest ${i}` }, { forwardedFor: `198.18.0.${i + 1}` }),
      ),
    );

    let acks = 0;
    let killed: Promise<void> | undefined;
    const outcomes = await burst(guests, targets, () => {
      acks += 1;
      if (acks === KILL_AFTER_ACKS) killed = first.kill();
    });
    await killed;
    const acknowledged = outcomes.filter((o) => o.appointment).map((o) => ({ ...o, appointment: o.appointment! }));
    // The kill really fell in the middle: bookings were acknowledged and others were cut off.
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(outcomes.filter((o) => o.status === 'no answer').length).toBeGreaterThan(0);
    // Before the kill: bookings, or typed refusals (slot taken, rate or hoarding limits), never a server error.
    const answered = outcomes.map((o) => o.status).filter((s) => s !== 'no answer');
    expect(
      answered.every((s) => s === 201 || (s >= 400 && s < 500)),
      JSON.stringify(answered),
    ).toBe(true);

    server = await startChildPlatform(env(database), 'restarted server');
    const second = server;

    // Every acknowledged booking is there, as its guest sees it through the restarted server.
    for (const { guest, appointment } of acknowledged) {
      const client = new ApiClient(second.url);
      client.setCookie('ca_session', guests[guest]!.cookie('ca_session')!);
      const res = expectStatus(await client.get<Appointment>(`/api/appointments/${appointment.id}`), 200, 'acknowledged booking');
      expect(res.body).toMatchObject({ id: appointment.id, start: appointment.start, end: appointment.end, status: 'requested' });
    }

    const taken = acknowledged[0]!;
    let takenStaffId = '';
    const db = database.open();
    try {
      const rows = await db.selectFrom('appointments').selectAll().execute();
      const ids = new Set(rows.map((r) => r.id));
      for (const { appointment } of acknowledged) expect(ids.has(appointment.id)).toBe(true);
      takenStaffId = rows.find((r) => r.id === taken.appointment.id)!.staff_id;

      // Nothing half-written: every row (acknowledged or cut off after its commit) is whole and points at real rows.
      const users = new Set((await db.selectFrom('users').select('id').execute()).map((u) => u.id));
      const staff = new Map((await db.selectFrom('staff').select(['id', 'group_size']).execute()).map((s) => [s.id, s.group_size]));
      for (const row of rows) {
        expect(users.has(row.guest_id), `guest of ${row.id}`).toBe(true);
        expect(staff.has(row.staff_id), `staff of ${row.id}`).toBe(true);
        expect(Date.parse(row.end_at)).toBeGreaterThan(Date.parse(row.start_at));
        expect([row.guest_zone, row.staff_zone, row.event_zone].every((z) => z.length > 0)).toBe(true);
      }
      if (database.engine === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
        expect(check.rows.map((r) => r.integrity_check)).toEqual(['ok']);
      }

      // No double booking: per staff member, active meetings never overlap except as one group meeting within its size.
      const active = rows.filter((r) => ACTIVE.includes(r.status));
      for (const a of active) {
        const overlapping = active.filter((b) => b.staff_id === a.staff_id && b.start_at < a.end_at && a.start_at < b.end_at);
        expect(
          overlapping.every((b) => b.start_at === a.start_at && b.end_at === a.end_at),
          `overlap at ${a.start_at}`,
        ).toBe(true);
        expect(overlapping.length).toBeLessThanOrEqual(staff.get(a.staff_id) ?? 1);
        const guestOverlaps = active.filter((b) => b.guest_id === a.guest_id && b.start_at < a.end_at && a.start_at < b.end_at);
        expect(guestOverlaps).toHaveLength(1);
      }
    } finally {
      await db.destroy();
    }

    // The restarted server goes on booking: a rep's slot taken before the crash is refused (the demo
    // expo's reps meet one guest at a time; a booth's other rep may still be free then), a free one is booked.
    const late = await registerGuest(second.url, { timeZone: 'Europe/Lisbon' }, { forwardedFor: '198.18.1.1' });
    const again = await late.post('/api/appointments', { boothId: taken.target.boothId, start: taken.appointment.start, staffId: takenStaffId });
    expect(again.status).toBe(409);
    const free = (await bookableTargets(second.url))[0]!;
    expectStatus(await late.post('/api/appointments', free), 201, 'booking after the restart');
  }, 120_000); // about 15 s on a calm machine; the margin is for two slow starts on a loaded one
});
