import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { createStore, migrate, type Store } from '../store/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { expoFixture } from '../test-support/storeFixtures.js';
import { AuthService, type AuthenticatedUser } from './auth.js';
import { BookingService } from './booking.js';
import { iso, systemClock } from './clock.js';
import { localSlotBus, SlotCache } from './slotCache.js';

const DAY = 86_400_000;

// Runs once per engine (vitest projects "sqlite" and "postgres").
describe(`appointment status changes on ${testEngine()}`, () => {
  let database: TestDatabase;
  let store: Store;
  let booking: BookingService;
  let expo: Awaited<ReturnType<typeof expoFixture>>;
  const auth = () => new AuthService(store, systemClock, 'race-test-device-secret');

  const signedIn = async (userId: string): Promise<AuthenticatedUser> => {
    const row = await store.users.byId(userId);
    return { ...(await auth().toUser(row!)), csrfToken: 'test' };
  };

  /** A requested appointment tomorrow, with its guest and a staff member of its booth signed in. */
  const requested = async (n: number) => {
    const staffId = await expo.staff(`Race Rep ${n}`);
    const guestId = await expo.user(`Race Guest ${n}`);
    const start = Date.now() + DAY + n * 3_600_000;
    const row = expo.appointment(staffId, guestId, iso(start), iso(start + 1_800_000));
    await store.appointments.insert(row);
    const staffUser = (await store.expo.staffMember(staffId))!.user_id;
    return { id: row.id, guest: await signedIn(guestId), staff: await signedIn(staffUser) };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    store = createStore(database.open());
    await migrate(store.db);
    expo = await expoFixture(store);
    booking = new BookingService(store, systemClock, new SlotCache({ clock: systemClock, bus: localSlotBus }));
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it("a guest's cancel racing a staff member's accept never leaves a cancelled appointment confirmed", async () => {
    let sequential = 0;
    for (let n = 0; n < 12; n += 1) {
      const { id, guest, staff } = await requested(n);
      const [cancel, confirm] = await Promise.allSettled([
        booking.update(guest, id, { action: 'cancel' }),
        booking.update(staff, id, { action: 'confirm' }),
      ]);
      const final = (await store.appointments.byId(id))!.status;
      // A cancel that was answered 200 stays cancelled. When both read "requested", one loses
      // with 409 CONFLICT; both may succeed only one after the other (accept, then cancel).
      if (cancel.status === 'fulfilled') expect(final).toBe('cancelled');
      else expect(final).toBe('confirmed');
      for (const result of [cancel, confirm]) {
        if (result.status === 'fulfilled') continue;
        expect(result.reason).toBeInstanceOf(AppError);
        expect((result.reason as AppError).code).toBe(ErrorCode.Conflict);
      }
      if (cancel.status === 'fulfilled' && confirm.status === 'fulfilled') sequential += 1;
    }
    // Most rounds overlap (both read "requested" first); had none, the test would prove nothing.
    expect(sequential).toBeLessThan(12);
  });

  it('answers a status change that lost a race with 409 CONFLICT "lost-race" and changes nothing', async () => {
    const { id, guest, staff } = await requested(20);
    const { row } = await booking.forParticipant(staff, id);
    // The guest cancels after the staff member's view of the row was read, before it is written.
    await booking.update(guest, id, { action: 'cancel' });
    const late = await booking.applyStatus(row, { actorRole: 'staff', action: 'confirm' }).catch((err: unknown) => err);
    expect(late).toBeInstanceOf(AppError);
    expect(late).toMatchObject({ code: ErrorCode.Conflict, details: { reason: 'lost-race' } });
    expect((await store.appointments.byId(id))!.status).toBe('cancelled');
  });

  it('lets a second, sequential change see the first (cancel after confirm is allowed)', async () => {
    const { id, guest, staff } = await requested(21);
    await booking.update(staff, id, { action: 'confirm' });
    await expect(booking.update(guest, id, { action: 'cancel' })).resolves.toMatchObject({ status: 'cancelled' });
  });
});
