import type { Db } from './database.js';
import type { WaitlistRow } from './schema.js';

/** Waitlist entries: the line per booth day, and each entry's offer. */
export class WaitlistStore {
  constructor(private readonly db: Db) {}

  /** Adds the entry unless this guest already waits for this booth day; the standing entry either way. */
  async join(row: WaitlistRow): Promise<{ row: WaitlistRow; created: boolean }> {
    const existing = await this.db
      .selectFrom('waitlist')
      .selectAll()
      .where('booth_id', '=', row.booth_id)
      .where('guest_id', '=', row.guest_id)
      .where('day', '=', row.day)
      .executeTakeFirst();
    if (existing && (existing.status === 'waiting' || existing.status === 'offered')) return { row: existing, created: false };
    if (existing) {
      await this.db.deleteFrom('waitlist').where('id', '=', existing.id).execute();
    }
    await this.db
      .insertInto('waitlist')
      .values(row)
      .onConflict((oc) => oc.columns(['booth_id', 'guest_id', 'day']).doNothing())
      .execute();
    const standing = await this.db
      .selectFrom('waitlist')
      .selectAll()
      .where('booth_id', '=', row.booth_id)
      .where('guest_id', '=', row.guest_id)
      .where('day', '=', row.day)
      .executeTakeFirstOrThrow();
    return { row: standing, created: standing.id === row.id };
  }

  byId(id: string): Promise<WaitlistRow | undefined> {
    return this.db.selectFrom('waitlist').selectAll().where('id', '=', id).executeTakeFirst();
  }

  ofGuest(guestId: string): Promise<WaitlistRow[]> {
    return this.db
      .selectFrom('waitlist')
      .selectAll()
      .where('guest_id', '=', guestId)
      .where('status', 'in', ['waiting', 'offered'])
      .orderBy('created_at')
      .execute();
  }

  /** The first guest still waiting whose day holds `start` (oldest entry first). */
  firstWaiting(boothId: string, start: string): Promise<WaitlistRow | undefined> {
    return this.db
      .selectFrom('waitlist')
      .selectAll()
      .where('booth_id', '=', boothId)
      .where('status', '=', 'waiting')
      .where('window_start', '<=', start)
      .where('window_end', '>', start)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
  }

  /** Times offered to waiting guests and still held at `now`, of these staff members, overlapping [from, to). */
  heldBetween(staffIds: readonly string[], from: string, to: string, now: string): Promise<WaitlistRow[]> {
    if (staffIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('waitlist')
      .selectAll()
      .where('status', '=', 'offered')
      .where('offer_staff_id', 'in', staffIds)
      .where('offer_expires_at', '>', now)
      .where('offer_start', '<', to)
      .where('offer_end', '>', from)
      .execute();
  }

  /** Offers that ran out by `now`. */
  expiredOffers(now: string): Promise<WaitlistRow[]> {
    return this.db.selectFrom('waitlist').selectAll().where('status', '=', 'offered').where('offer_expires_at', '<=', now).execute();
  }

  /** Moves an entry from `from` to another status (with fields); false when it was no longer in `from` (a race lost). */
  async move(id: string, from: WaitlistRow['status'], patch: Partial<WaitlistRow>): Promise<boolean> {
    const result = await this.db.updateTable('waitlist').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteOf(guestId: string): Promise<void> {
    await this.db.deleteFrom('waitlist').where('guest_id', '=', guestId).execute();
  }
}
