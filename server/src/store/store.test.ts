import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { expoFixture } from '../test-support/storeFixtures.js';
import { createStore, migrate, type Store } from './index.js';

// The same specification on both engines: `vitest` runs this file once per engine.
describe(`the store port on ${testEngine()}`, () => {
  let database: TestDatabase;
  let store: Store;
  let expo: Awaited<ReturnType<typeof expoFixture>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = createStore(database.open());
    await migrate(store.db);
    expo = await expoFixture(store);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  describe('users', () => {
    it('finds an account by e-mail whatever its case, and counts accounts as a number', async () => {
      const id = await expo.user('Ada');
      const row = await store.users.byId(id);
      expect((await store.users.byEmail(row!.email.toUpperCase()))?.id).toBe(id);
      const count = await store.users.count();
      expect(typeof count).toBe('number');
      expect(count).toBeGreaterThanOrEqual(1);
    });

    it('refuses a second account with the same e-mail', async () => {
      const id = await expo.user('First');
      const { email } = (await store.users.byId(id))!;
      await expect(store.users.insert({ ...(await store.users.byId(id))!, id: 'other-id', email })).rejects.toThrow();
    });

    it('keeps a session until it expires: instants compare as instants', async () => {
      const userId = await expo.user('Sessions');
      await store.users.createAuthSession({
        id: `digest-${userId}`,
        userId,
        csrfToken: 'csrf',
        createdAt: '2026-05-04T07:00:00.000Z',
        expiresAt: '2026-05-04T08:00:00.000Z',
      });
      expect(await store.users.authSessionWithUser(`digest-${userId}`, '2026-05-04T07:59:59.999Z')).toMatchObject({
        id: userId,
        csrf_token: 'csrf',
        expires_at: '2026-05-04T08:00:00.000Z',
      });
      expect(await store.users.authSessionWithUser(`digest-${userId}`, '2026-05-04T08:00:00.000Z')).toBeUndefined();
    });

    it('deleting an account deletes its sessions (foreign keys are enforced)', async () => {
      const userId = await expo.user('Leaving');
      await store.users.createAuthSession({
        id: `gone-${userId}`,
        userId,
        csrfToken: 'c',
        createdAt: '2026-05-04T07:00:00.000Z',
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
      await store.users.delete(userId);
      const left = await store.db.selectFrom('auth_sessions').select('id').where('user_id', '=', userId).execute();
      expect(left).toEqual([]);
      await expect(store.users.createAuthSession({ id: 'orphan', userId, csrfToken: 'c', createdAt: 'x', expiresAt: 'y' })).rejects.toThrow();
    });

    it('reads names of many users in one query, and of none without one', async () => {
      const ids = [await expo.user('Ann'), await expo.user('Bo')];
      expect(await store.users.names(ids)).toEqual(
        new Map([
          [ids[0], 'Ann'],
          [ids[1], 'Bo'],
        ]),
      );
      expect(await store.users.names([])).toEqual(new Map());
    });
  });

  describe('expo', () => {
    it('lists staff of a booth with their names, and numbers come back as numbers', async () => {
      const staffId = await expo.staff('Zed Rep');
      const [row] = (await store.expo.staffOf([expo.boothId])).filter((s) => s.id === staffId);
      expect(row).toMatchObject({ name: 'Zed Rep', buffer_minutes: 0, group_size: 1, lock_version: 0 });
      expect(await store.expo.eventCount()).toBe(1);
      expect((await store.expo.halls(expo.eventId))[0]?.position).toBe(1);
    });

    it('updates availability and group size in place', async () => {
      const staffId = await expo.staff('Flexible');
      await store.expo.updateAvailability(staffId, {
        availability: '{"weekly":[]}',
        buffer_minutes: 15,
        meeting_lengths: '[15,30]',
        time_zone: 'Asia/Shanghai',
        group_size: 4,
      });
      expect(await store.expo.staffMember(staffId)).toMatchObject({ buffer_minutes: 15, group_size: 4, time_zone: 'Asia/Shanghai' });
    });
  });

  describe('appointments', () => {
    it('finds the active appointments overlapping [from, to): touching ends do not overlap, cancelled ones do not count', async () => {
      const staffId = await expo.staff('Busy Rep');
      const guestId = await expo.user('Busy Guest');
      const a = expo.appointment(staffId, guestId, '2026-05-04T07:00:00.000Z', '2026-05-04T07:30:00.000Z');
      const b = { ...expo.appointment(staffId, guestId, '2026-05-04T08:00:00.000Z', '2026-05-04T08:30:00.000Z'), status: 'cancelled' as const };
      await store.appointments.insert(a);
      await store.appointments.insert(b);
      const found = (from: string, to: string) => store.appointments.activeForStaff([staffId], from, to).then((rows) => rows.map((r) => r.id));
      expect(await found('2026-05-04T07:29:59.999Z', '2026-05-04T09:00:00.000Z')).toEqual([a.id]);
      expect(await found('2026-05-04T07:30:00.000Z', '2026-05-04T09:00:00.000Z')).toEqual([]);
      expect(await found('2026-05-04T06:00:00.000Z', '2026-05-04T07:00:00.000Z')).toEqual([]);
      expect((await store.appointments.activeForGuest(guestId, '2026-05-04T00:00:00.000Z', '2026-05-05T00:00:00.000Z')).length).toBe(1);
      expect((await store.appointments.byId(a.id))?.any_rep).toBe(0);
    });

    it('lists a group meeting in booking order', async () => {
      const staffId = await expo.staff('Group Rep');
      const rows = [];
      for (const [i, name] of ['G1', 'G2', 'G3'].entries()) {
        const row = {
          ...expo.appointment(staffId, await expo.user(name), '2026-05-05T07:00:00.000Z', '2026-05-05T07:30:00.000Z'),
          created_at: `2026-01-01T00:00:0${i}.000Z`,
        };
        await store.appointments.insert(row);
        rows.push(row);
      }
      const meeting = await store.appointments.sameMeeting(rows[0]!);
      expect(meeting.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    });

    it('rolls a failed transaction back completely', async () => {
      const staffId = await expo.staff('Rollback Rep');
      const row = expo.appointment(staffId, await expo.user('Rollback Guest'), '2026-05-06T07:00:00.000Z', '2026-05-06T07:30:00.000Z');
      await expect(
        store.transaction(async (tx) => {
          await tx.appointments.lockForBooking({ staffIds: [staffId], guestId: row.guest_id });
          await tx.appointments.insert(row);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.appointments.byId(row.id)).toBeUndefined();
      expect((await store.expo.staffMember(staffId))?.lock_version).toBe(0);
    });
  });

  describe('transactions and compare-and-set', () => {
    it('a transaction called inside a transaction joins it: both roll back together', async () => {
      const staffId = await expo.staff('Nested Rep');
      const row = expo.appointment(staffId, await expo.user('Nested Guest'), '2026-05-06T09:00:00.000Z', '2026-05-06T09:30:00.000Z');
      await expect(
        store.transaction(async (tx) => {
          await tx.transaction((inner) => inner.appointments.insert(row));
          expect(await tx.appointments.byId(row.id)).toBeDefined();
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await store.appointments.byId(row.id)).toBeUndefined();
    });

    it('updateIf writes only while the row still has the expected status and start', async () => {
      const staffId = await expo.staff('CAS Rep');
      const row = expo.appointment(staffId, await expo.user('CAS Guest'), '2026-05-06T10:00:00.000Z', '2026-05-06T10:30:00.000Z');
      await store.appointments.insert(row);
      expect(await store.appointments.updateIf(row.id, { ...row, status: 'confirmed' }, { status: 'cancelled' })).toBe(false);
      expect(await store.appointments.updateIf(row.id, { ...row, start_at: '2026-05-06T11:00:00.000Z' }, { status: 'cancelled' })).toBe(false);
      expect(await store.appointments.updateIf(row.id, row, { status: 'confirmed' })).toBe(true);
      expect(await store.appointments.updateIf(row.id, row, { status: 'cancelled' })).toBe(false);
      expect((await store.appointments.byId(row.id))?.status).toBe('confirmed');
      expect(await store.appointments.updateIf('no-such-id', row, { status: 'cancelled' })).toBe(false);
    });
  });

  describe('the booking lock', () => {
    it('makes a second booking wait for the first, then see what it wrote', async () => {
      const staffId = await expo.staff('Locked Rep');
      const row = expo.appointment(staffId, await expo.user('First Guest'), '2026-05-04T10:00:00.000Z', '2026-05-04T10:30:00.000Z');
      const events: string[] = [];
      let firstLocked!: () => void;
      const locked = new Promise<void>((resolve) => (firstLocked = resolve));
      const first = store.transaction(async (tx) => {
        await tx.appointments.lockForBooking({ staffIds: [staffId], guestId: row.guest_id });
        events.push('first locked');
        firstLocked();
        await new Promise((resolve) => setTimeout(resolve, 150));
        await tx.appointments.insert(row);
        events.push('first commits');
      });
      await locked;
      const secondGuest = await expo.user('Second Guest');
      const seen = await store.transaction(async (tx) => {
        await tx.appointments.lockForBooking({ staffIds: [staffId], guestId: secondGuest });
        events.push('second locked');
        return tx.appointments.activeForStaff([staffId], row.start_at, row.end_at);
      });
      await first;
      expect(events).toEqual(['first locked', 'first commits', 'second locked']);
      expect(seen.map((r) => r.id)).toEqual([row.id]);
      expect((await store.expo.staffMember(staffId))?.lock_version).toBe(2);
    });

    it('never deadlocks bookings that lock the same staff members listed in different orders', async () => {
      const staffIds = [await expo.staff('Rep A'), await expo.staff('Rep B'), await expo.staff('Rep C')];
      const guests = await Promise.all(Array.from({ length: 12 }, (_, i) => expo.user(`Racer ${i}`)));
      await Promise.all(
        guests.map((guestId, i) =>
          store.transaction(async (tx) => {
            const order = i % 2 === 0 ? staffIds : [...staffIds].reverse();
            await tx.appointments.lockForBooking({ staffIds: order, guestId });
          }),
        ),
      );
      for (const id of staffIds) expect((await store.expo.staffMember(id))?.lock_version).toBe(guests.length);
    });
  });

  describe('notifications and the e-mail outbox', () => {
    it('writes a notification once per dedupe key and says whether it did', async () => {
      const userId = await expo.user('Reminded');
      const note = {
        id: `n-${userId}`,
        user_id: userId,
        appointment_id: 'appt-1',
        kind: 'reminder-24h',
        dedupe_key: `appt-1:${userId}:reminder-24h`,
        message: 'tomorrow',
        created_at: '2026-05-03T07:00:00.000Z',
        read_at: null,
      };
      expect(await store.notifications.add(note)).toBe(true);
      expect(await store.notifications.add({ ...note, id: 'another' })).toBe(false);
      expect(await store.notifications.dedupeKeysOf(['appt-1'])).toEqual([note.dedupe_key]);
      await store.notifications.markRead(userId, note.id, '2026-05-03T08:00:00.000Z');
      expect((await store.notifications.forUser(userId))[0]?.read_at).toBe('2026-05-03T08:00:00.000Z');
    });

    it('writes a reminder once when several nodes write it at the same moment (on PostgreSQL over several connections)', async () => {
      const userId = await expo.user('Raced');
      const note = (i: number) => ({
        id: `race-${i}`,
        user_id: userId,
        appointment_id: 'appt-race',
        kind: 'reminder-10m',
        dedupe_key: `appt-race:${userId}:reminder-10m`,
        message: 'soon',
        created_at: '2026-05-03T07:50:00.000Z',
        read_at: null,
      });
      const added = await Promise.all(Array.from({ length: 8 }, (_, i) => store.notifications.add(note(i))));
      expect(added.filter(Boolean)).toHaveLength(1);
      expect(await store.notifications.dedupeKeysOf(['appt-race'])).toHaveLength(1);
    });

    it('queues an e-mail once, hands out only the unsent unclaimed ones, and lets one mailer at a time claim each', async () => {
      const mail = {
        id: 'mail-1',
        to_email: 'guest@example.test',
        subject: 'Reminder',
        body: 'See you',
        dedupe_key: 'mail-key-1',
        created_at: '2026-05-03T07:00:00.000Z',
        sent_at: null,
      };
      expect(await store.notifications.enqueueEmail(mail)).toBe(true);
      expect(await store.notifications.enqueueEmail({ ...mail, id: 'mail-2' })).toBe(false);
      // Claims live five minutes here: `staleBefore` is five minutes before `at`.
      const claim = (claimant: string, at: string) =>
        store.notifications.claimEmail('mail-1', { claimant, at, staleBefore: new Date(Date.parse(at) - 300_000).toISOString() });
      expect((await store.notifications.claimableEmails('2026-05-03T07:00:00.000Z', '2026-05-03T07:05:00.000Z')).map((m) => m.id)).toEqual([
        'mail-1',
      ]);
      expect(await claim('node-a', '2026-05-03T07:00:01.000Z')).toBe(true);
      expect(await claim('node-b', '2026-05-03T07:00:02.000Z')).toBe(false);
      expect(await store.notifications.claimableEmails('2026-05-03T06:55:02.000Z', '2026-05-03T07:00:02.000Z')).toEqual([]);
      // node-a went quiet: after five minutes its claim is stale, node-b takes over and node-a's release misses.
      expect(await claim('node-b', '2026-05-03T07:06:00.000Z')).toBe(true);
      await store.notifications.releaseEmail('mail-1', 'node-a');
      expect((await store.notifications.outbox())[0]).toMatchObject({ claimed_by: 'node-b', claimed_at: '2026-05-03T07:06:00.000Z' });
      await store.notifications.markEmailSent('mail-1', '2026-05-03T07:06:01.000Z');
      expect(await store.notifications.claimableEmails('2026-05-04T00:00:00.000Z', '2026-05-04T00:05:00.000Z')).toEqual([]);
      expect(await claim('node-c', '2026-05-04T00:00:00.000Z')).toBe(false);
    });
  });

  describe('settings', () => {
    it('creates a setting once: concurrent first writers all read the winner', async () => {
      const values = await Promise.all(Array.from({ length: 8 }, (_, i) => store.settings.getOrCreate('secret', () => `value-${i}`)));
      expect(new Set(values).size).toBe(1);
      expect(await store.settings.get('secret')).toBe(values[0]);
      expect(await store.settings.get('missing')).toBeUndefined();
    });
  });

  it('keeps text exactly, whatever the script', async () => {
    const id = await expo.user('张伟 · Zoë Ñúñez 🎪');
    expect((await store.users.byId(id))?.name).toBe('张伟 · Zoë Ñúñez 🎪');
  });
});
