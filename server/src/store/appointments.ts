import type { Db } from './database.js';
import type { AppointmentRow, AppointmentUpdate, NewAppointment } from './schema.js';

/** Statuses that hold a staff member's time and a guest's. */
export const ACTIVE_STATUSES = ['requested', 'confirmed'] as const;

/**
 * Appointment rows. Booking itself (check + insert under a lock) lives in the booking service;
 * the lock and the compare-and-set status change only mean something on a store inside
 * `Store.transaction`.
 */
export class AppointmentStore {
  constructor(private readonly db: Db) {}

  /**
   * The booking lock, held until the transaction ends: bumps the lock version of these staff rows and
   * touches the guest's row. Every booking and reschedule takes it first, in one order (staff
   * by id, then the guest), so on PostgreSQL (row locks, READ COMMITTED) they queue instead of
   * deadlocking and each one's later reads see what the one before it committed; on SQLite the
   * first write takes the database's write lock. A guest booking two booths at once queues too.
   */
  async lockForBooking(lock: { staffIds: readonly string[]; guestId: string }): Promise<void> {
    for (const id of [...new Set(lock.staffIds)].sort()) {
      await this.db
        .updateTable('staff')
        .set((eb) => ({ lock_version: eb('lock_version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    }
    await this.db
      .updateTable('users')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', lock.guestId)
      .execute();
  }

  async insert(row: NewAppointment): Promise<void> {
    await this.db.insertInto('appointments').values(row).execute();
  }

  byId(id: string): Promise<AppointmentRow | undefined> {
    return this.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Compare-and-set: writes `patch` only while the row still has the status (and start) the
   * caller decided on, in one statement. False when another change got there first (the row
   * moved on, or is gone): the caller lost a race and must not pretend it won.
   * A change of status, time or staff member also bumps `token_version`, so meeting tokens
   * issued for the appointment before stop opening its room.
   */
  async updateIf(id: string, expected: Pick<AppointmentRow, 'status' | 'start_at'>, patch: AppointmentUpdate): Promise<boolean> {
    const revokes = ['status', 'start_at', 'end_at', 'staff_id'].some((column) => column in patch);
    const result = await this.db
      .updateTable('appointments')
      .set(revokes ? { ...patch, token_version: (eb) => eb('token_version', '+', 1) } : patch)
      .where('id', '=', id)
      .where('status', '=', expected.status)
      .where('start_at', '=', expected.start_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Sets a decided outcome if the row is still `confirmed` (nobody decided meanwhile); false otherwise. */
  async decideIfConfirmed(id: string, patch: AppointmentUpdate, db: Db = this.db): Promise<boolean> {
    const result = await db.updateTable('appointments').set(patch).where('id', '=', id).where('status', '=', 'confirmed').executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Active appointments of these staff members that overlap [from, to). */
  activeForStaff(staffIds: readonly string[], from: string, to: string): Promise<AppointmentRow[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return activeOverlapping(this.db, from, to).where('staff_id', 'in', staffIds).execute();
  }

  /** Active appointments of a guest that overlap [from, to). */
  activeForGuest(guestId: string, from: string, to: string): Promise<AppointmentRow[]> {
    return activeOverlapping(this.db, from, to).where('guest_id', '=', guestId).execute();
  }

  /** The active appointments of one staff member's meeting at one exact time (a group shares it). */
  sameMeeting(row: Pick<AppointmentRow, 'staff_id' | 'start_at' | 'end_at'>): Promise<AppointmentRow[]> {
    return this.db
      .selectFrom('appointments')
      .selectAll()
      .where('staff_id', '=', row.staff_id)
      .where('start_at', '=', row.start_at)
      .where('end_at', '=', row.end_at)
      .where('status', 'in', ACTIVE_STATUSES)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** A guest's open requests: requested (nobody answered yet) and starting after `now`. */
  openRequestsOf(guestId: string, now: string): Promise<AppointmentRow[]> {
    return this.db
      .selectFrom('appointments')
      .selectAll()
      .where('guest_id', '=', guestId)
      .where('status', '=', 'requested')
      .where('start_at', '>', now)
      .execute();
  }

  /** Requests nobody answered whose slot starts at `by` or earlier: candidates to expire, soonest first. */
  unansweredStartingBy(by: string, limit = 200): Promise<AppointmentRow[]> {
    return this.db
      .selectFrom('appointments')
      .selectAll()
      .where('status', '=', 'requested')
      .where('start_at', '<=', by)
      .orderBy('start_at')
      .limit(limit)
      .execute();
  }

  forGuest(guestId: string): Promise<AppointmentRow[]> {
    return this.db.selectFrom('appointments').selectAll().where('guest_id', '=', guestId).orderBy('start_at').execute();
  }

  /**
   * Moves a confirmed meeting (every booking of it, for a group) from its absent host to another staff
   * member, only while it is still that host's: false when someone else took it first. Meeting tokens
   * stay valid (the guest is in the room), so `token_version` is not bumped.
   */
  async handOver(
    row: Pick<AppointmentRow, 'staff_id' | 'start_at' | 'end_at'>,
    to: { staffId: string; staffZone: string; at: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('appointments')
      .set({ staff_id: to.staffId, staff_zone: to.staffZone, handed_over_at: to.at, handed_over_from: row.staff_id, updated_at: to.at })
      .where('status', '=', 'confirmed')
      .where('staff_id', '=', row.staff_id)
      .where('start_at', '=', row.start_at)
      .where('end_at', '=', row.end_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Sets (or clears) the assigned interpreter of an appointment still ahead (requested or confirmed); false otherwise. */
  async setInterpreter(id: string, staffId: string | null, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('appointments')
      .set({ interpreter_staff_id: staffId, updated_at: at })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE_STATUSES)
      .where('interpreter_language', 'is not', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Every appointment at these booths (any of the booth's staff may handle them). */
  forBooths(boothIds: readonly string[]): Promise<AppointmentRow[]> {
    if (boothIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('appointments').selectAll().where('booth_id', 'in', boothIds).orderBy('start_at').execute();
  }

  /** Confirmed appointments that started in [from, to) (the outcome scan), at these booths only when given (a hand-off poll). */
  confirmedStartedBetween(from: string, to: string, boothIds?: readonly string[]): Promise<AppointmentRow[]> {
    if (boothIds?.length === 0) return Promise.resolve([]);
    let query = this.db
      .selectFrom('appointments')
      .selectAll()
      .where('status', '=', 'confirmed')
      .where('start_at', '>=', from)
      .where('start_at', '<', to);
    if (boothIds) query = query.where('booth_id', 'in', boothIds);
    return query.orderBy('start_at').execute();
  }

  /** These appointments (those that exist), in no particular order. */
  byIds(ids: readonly string[]): Promise<AppointmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('appointments').selectAll().where('id', 'in', ids).execute();
  }

  /** The appointments of one staff member's meeting at one exact time that were not called off (any may name its room). */
  meetingOf(row: Pick<AppointmentRow, 'staff_id' | 'start_at' | 'end_at'>): Promise<AppointmentRow[]> {
    return this.db
      .selectFrom('appointments')
      .selectAll()
      .where('status', 'not in', ['cancelled', 'declined'])
      .where('staff_id', '=', row.staff_id)
      .where('start_at', '=', row.start_at)
      .where('end_at', '=', row.end_at)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** Active appointments starting in [from, to): the reminder scan. */
  startingBetween(from: string, to: string): Promise<AppointmentRow[]> {
    return this.db
      .selectFrom('appointments')
      .selectAll()
      .where('status', 'in', ACTIVE_STATUSES)
      .where('start_at', '>=', from)
      .where('start_at', '<', to)
      .execute();
  }
}

/** Appointments that hold time (requested or confirmed) and overlap [from, to). */
function activeOverlapping(db: Db, from: string, to: string) {
  return db.selectFrom('appointments').selectAll().where('status', 'in', ACTIVE_STATUSES).where('start_at', '<', to).where('end_at', '>', from);
}
