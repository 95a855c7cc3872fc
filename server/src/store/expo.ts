import type { Db } from './database.js';
import type { Insertable } from 'kysely';
import type { BoothRow, BoothsTable, EventRow, EventsTable, HallRow, HallsTable, StaffRow, StaffTable } from './schema.js';

export type StaffWithUser = StaffRow & { name: string; email: string };

/** Events, halls, booths and the staff who run them. */
export class ExpoStore {
  constructor(private readonly db: Db) {}

  async insertEvent(row: EventsTable): Promise<void> {
    await this.db.insertInto('events').values(row).execute();
  }

  async insertHall(row: HallsTable): Promise<void> {
    await this.db.insertInto('halls').values(row).execute();
  }

  async insertBooth(row: BoothsTable): Promise<void> {
    await this.db.insertInto('booths').values(row).execute();
  }

  async insertStaff(row: Insertable<StaffTable>): Promise<void> {
    await this.db.insertInto('staff').values(row).execute();
  }

  events(): Promise<EventRow[]> {
    return this.db.selectFrom('events').selectAll().orderBy('starts_on').execute();
  }

  event(id: string): Promise<EventRow | undefined> {
    return this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  halls(eventId: string): Promise<HallRow[]> {
    return this.db.selectFrom('halls').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
  }

  hall(id: string): Promise<HallRow | undefined> {
    return this.db.selectFrom('halls').selectAll().where('id', '=', id).executeTakeFirst();
  }

  booths(eventId: string): Promise<BoothRow[]> {
    return this.db.selectFrom('booths').selectAll().where('event_id', '=', eventId).orderBy('organisation').execute();
  }

  booth(id: string): Promise<BoothRow | undefined> {
    return this.db.selectFrom('booths').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Staff of the given booths, with their names. */
  staffOf(boothIds: readonly string[]): Promise<StaffWithUser[]> {
    if (boothIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('staff')
      .innerJoin('users', 'users.id', 'staff.user_id')
      .selectAll('staff')
      .select(['users.name', 'users.email'])
      .where('staff.booth_id', 'in', boothIds)
      .orderBy('users.name')
      .execute();
  }

  staffMember(id: string): Promise<StaffWithUser | undefined> {
    return this.db
      .selectFrom('staff')
      .innerJoin('users', 'users.id', 'staff.user_id')
      .selectAll('staff')
      .select(['users.name', 'users.email'])
      .where('staff.id', '=', id)
      .executeTakeFirst();
  }

  /** Organisation names of these booths, by id. */
  async boothNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('booths').select(['id', 'organisation']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.organisation]));
  }

  /** Names of these staff members, by staff id. */
  async staffNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('staff')
      .innerJoin('users', 'users.id', 'staff.user_id')
      .select(['staff.id', 'users.name'])
      .where('staff.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Account and name of these staff members, by staff id. */
  async staffPeople(ids: readonly string[]): Promise<Map<string, { userId: string; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('staff')
      .innerJoin('users', 'users.id', 'staff.user_id')
      .select(['staff.id', 'staff.user_id', 'users.name'])
      .where('staff.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, { userId: r.user_id, name: r.name }]));
  }

  staffByUser(userId: string): Promise<StaffRow[]> {
    return this.db.selectFrom('staff').selectAll().where('user_id', '=', userId).execute();
  }

  async updateAvailability(
    staffId: string,
    patch: Pick<StaffTable, 'availability' | 'buffer_minutes' | 'meeting_lengths' | 'time_zone'> & { group_size: number },
  ): Promise<void> {
    await this.db.updateTable('staff').set(patch).where('id', '=', staffId).execute();
  }

  async eventCount(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
