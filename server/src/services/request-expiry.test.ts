import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@ca/signaling';
import { createStore, migrate, type Store } from '../store/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { silentLog } from '../test-support/media.js';
import { expoFixture } from '../test-support/storeFixtures.js';
import { AuthService } from './auth.js';
import { BookingService } from './booking.js';
import { AdjustableClock, iso } from './clock.js';
import { expiresAt, RequestExpiry } from './requestExpiry.js';
import { localSlotBus, SlotCache } from './slotCache.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Runs once per engine (vitest projects "sqlite" and "postgres").
describe(`unanswered requests expire before their slot on ${testEngine()}`, () => {
  let database: TestDatabase;
  let store: Store;
  let expo: Awaited<ReturnType<typeof expoFixture>>;
  const clock = new AdjustableClock();
  let expiry: RequestExpiry;
  /** Booths whose slot cache an expiry invalidated. */
  const freed: string[] = [];
  // Far from the wall clock, so no other test's rows are due: each test moves the clock near its own rows.
  let base = Date.parse('2031-03-03T09:00:00.000Z');

  /** A request made a day before a slot at `base + offset`, with a guest speaking `language`. */
  const request = async (language = 'en', status: 'requested' | 'confirmed' = 'requested') => {
    base += 10 * HOUR;
    const staffId = await expo.staff(`Expiry Rep ${base}`);
    const guestId = await expo.user(`Expiry Guest ${base}`);
    await store.users.update(guestId, { language });
    const row = { ...expo.appointment(staffId, guestId, iso(base), iso(base + 30 * MINUTE)), status, created_at: iso(base - 24 * HOUR) };
    await store.appointments.insert(row);
    return row;
  };
  const notesOf = async (userId: string) => (await store.notifications.forUser(userId)).filter((n) => n.kind === 'request-expired');
  const mailsTo = async (userId: string) => {
    const email = (await store.users.byId(userId))!.email;
    return (await store.notifications.outbox()).filter((m) => m.to_email === email);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = createStore(database.open());
    await migrate(store.db);
    expo = await expoFixture(store);
    expiry = new RequestExpiry({ store, clock, log: silentLog, leadMinutes: 60, onSlotFreed: (boothId) => freed.push(boothId) });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('expires a request 60 minutes before its start, frees the slot and tells the guest in-app and by e-mail, once', async () => {
    const row = await request();
    clock.set(Date.parse(row.start_at) - 61 * MINUTE);
    expect(await expiry.runOnce()).toBe(0);
    expect((await store.appointments.byId(row.id))?.status).toBe('requested');

    clock.set(Date.parse(row.start_at) - 60 * MINUTE);
    expect(await expiry.runOnce()).toBe(1);
    expect((await store.appointments.byId(row.id))?.status).toBe('expired');
    expect(await store.appointments.activeForStaff([row.staff_id], row.start_at, row.end_at)).toEqual([]);
    expect(freed).toEqual([row.booth_id]);
    const [note] = await notesOf(row.guest_id);
    expect(note).toMatchObject({ appointment_id: row.id, read_at: null });
    expect(note!.message).toMatch(/Store Booth.*not answered in time and has expired/);
    expect(note!.message).toContain('(Asia/Shanghai)');
    const mails = await mailsTo(row.guest_id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Your request to Store Booth expired', body: note!.message });

    // Again, as another node's scan would: nothing new.
    expect(await expiry.runOnce()).toBe(0);
    expect(await notesOf(row.guest_id)).toHaveLength(1);
    expect(await mailsTo(row.guest_id)).toHaveLength(1);
  });

  it("writes the notice in the guest's language (Simplified Chinese here)", async () => {
    const row = await request('zh-CN');
    clock.set(Date.parse(row.start_at) - 30 * MINUTE);
    expect(await expiry.runOnce()).toBe(1);
    const [note] = await notesOf(row.guest_id);
    expect(note!.message).toMatch(/未能及时得到答复，现已过期/);
    expect((await mailsTo(row.guest_id))[0]?.subject).toBe('您向 Store Booth 提交的预约请求已过期');
  });

  it('leaves confirmed appointments alone', async () => {
    const row = await request('en', 'confirmed');
    clock.set(Date.parse(row.start_at) - 5 * MINUTE);
    await expiry.runOnce();
    expect((await store.appointments.byId(row.id))?.status).toBe('confirmed');
  });

  it('gives a request made inside the last hour until the start, not zero time', async () => {
    const row = await request();
    const late = { ...row, created_at: iso(Date.parse(row.start_at) - 20 * MINUTE) };
    await store.appointments.updateIf(row.id, row, { created_at: late.created_at });
    expect(expiresAt(late, HOUR)).toBe(Date.parse(row.start_at));
    clock.set(Date.parse(row.start_at) - 10 * MINUTE);
    expect(await expiry.runOnce()).toBe(0);
    clock.set(Date.parse(row.start_at));
    expect(await expiry.runOnce()).toBe(1);
    // Its slot has begun: expired quietly, nobody is told about a meeting that is already under way.
    expect(await notesOf(row.guest_id)).toEqual([]);
  });

  it('an accept racing the expiry: exactly one wins, and an accepted meeting is never expired', async () => {
    const booking = new BookingService(store, clock, new SlotCache({ clock, bus: localSlotBus }));
    const auth = new AuthService(store, clock, 'expiry-test-device-secret');
    for (let n = 0; n < 6; n += 1) {
      const row = await request();
      const staffUser = (await store.expo.staffMember(row.staff_id))!;
      const staff = { ...(await auth.toUser((await store.users.byId(staffUser.user_id))!)), csrfToken: 't' };
      clock.set(Date.parse(row.start_at) - 59 * MINUTE);
      const [accept, expired] = await Promise.allSettled([booking.update(staff, row.id, { action: 'confirm' }), expiry.runOnce()]);
      const final = (await store.appointments.byId(row.id))!.status;
      if (accept.status === 'fulfilled') {
        expect(final).toBe('confirmed');
        expect(expired).toMatchObject({ status: 'fulfilled', value: 0 });
      } else {
        expect(final).toBe('expired');
        expect(accept.reason).toMatchObject({ code: ErrorCode.Conflict });
      }
    }
  });
});
