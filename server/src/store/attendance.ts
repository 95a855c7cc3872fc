import type { Db } from './database.js';
import type { AttendanceRow } from './schema.js';

const seconds = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * Attendance rows: one per meeting room and person. The recorder calls `joined` / `left` in
 * order for a (room, person) (a room lives on one node), so a read-then-write suffices.
 */
export class AttendanceStore {
  constructor(private readonly db: Db) {}

  row(roomId: string, userId: string): Promise<AttendanceRow | undefined> {
    return this.db.selectFrom('attendance').selectAll().where('room_id', '=', roomId).where('user_id', '=', userId).executeTakeFirst();
  }

  /** The person is in the room from `at` (first time: the row is made). Already present: nothing changes. */
  async joined(event: { roomId: string; userId: string; role: string; at: string }): Promise<void> {
    const row = await this.row(event.roomId, event.userId);
    if (!row) {
      await this.db
        .insertInto('attendance')
        .values({
          room_id: event.roomId,
          user_id: event.userId,
          role: event.role,
          first_join_at: event.at,
          last_leave_at: null,
          seconds: 0,
          present_since: event.at,
          quality: null,
        })
        .execute();
      return;
    }
    if (row.present_since !== null) return;
    await this.#update(event.roomId, event.userId, { present_since: event.at, role: event.role });
  }

  /** The person's last connection to the room ended at `at`: the visit's seconds are added. */
  async left(event: { roomId: string; userId: string; at: string }): Promise<void> {
    const row = await this.row(event.roomId, event.userId);
    if (!row || row.present_since === null) return;
    await this.#update(event.roomId, event.userId, {
      seconds: row.seconds + seconds(row.present_since, event.at),
      present_since: null,
      last_leave_at: event.at,
    });
  }

  async setQuality(roomId: string, userId: string, quality: string): Promise<void> {
    await this.#update(roomId, userId, { quality });
  }

  /** The rows of these rooms (a meeting and the rooms of its group). */
  forRooms(roomIds: readonly string[]): Promise<AttendanceRow[]> {
    if (roomIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('attendance').selectAll().where('room_id', 'in', roomIds).orderBy('first_join_at').execute();
  }

  /** One person's attendance rows (for their data export). */
  ofUser(userId: string): Promise<AttendanceRow[]> {
    return this.db.selectFrom('attendance').selectAll().where('user_id', '=', userId).execute();
  }

  async deleteOf(userId: string): Promise<void> {
    await this.db.deleteFrom('attendance').where('user_id', '=', userId).execute();
  }

  async #update(roomId: string, userId: string, patch: Partial<AttendanceRow>): Promise<void> {
    await this.db.updateTable('attendance').set(patch).where('room_id', '=', roomId).where('user_id', '=', userId).execute();
  }
}

/** Seconds present up to `now`, counting a visit still going on. */
export function secondsUntil(row: AttendanceRow, now: string): number {
  return row.seconds + (row.present_since === null ? 0 : seconds(row.present_since, now));
}
