import { sql } from 'kysely';
import type { Db } from './database.js';
import type { NewOutboxEmail, NotificationRow, NotificationsTable, OutboxRow } from './schema.js';

/**
 * In-app notifications and the e-mail outbox. Both dedupe on a key, so a reminder is written once;
 * a mailer claims an e-mail before sending it, so it is sent by one node.
 */
export class NotificationStore {
  constructor(private readonly db: Db) {}

  /** Inserts unless a row with the same dedupe key exists; true when inserted. */
  async add(row: NotificationsTable): Promise<boolean> {
    const result = await this.db
      .insertInto('notifications')
      .values(row)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async enqueueEmail(row: NewOutboxEmail): Promise<boolean> {
    const result = await this.db
      .insertInto('outbox')
      .values(row)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Dedupe keys of the notifications already written for these appointments. */
  async dedupeKeysOf(appointmentIds: readonly string[]): Promise<string[]> {
    if (appointmentIds.length === 0) return [];
    const rows = await this.db.selectFrom('notifications').select('dedupe_key').where('appointment_id', 'in', appointmentIds).execute();
    return rows.map((r) => r.dedupe_key);
  }

  /** Everything written to one user (in-app notifications and queued e-mails): gone with their account. */
  async deleteOf(userId: string): Promise<void> {
    await this.db.deleteFrom('notifications').where('user_id', '=', userId).execute();
  }

  forUser(userId: string, limit = 50): Promise<NotificationRow[]> {
    return this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();
  }

  /**
   * Marks one of the user's notifications read (the first reading time is kept); false when the user
   * has no notification with this id, so someone else's id reads as missing.
   */
  async markRead(userId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notifications')
      .set({ read_at: sql<string>`coalesce(read_at, ${at})` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Marks every unread notification of the user read; the number marked. */
  async markAllRead(userId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** How many of the user's notifications are unread. */
  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Unsent e-mails that no mailer is sending (never claimed, or claimed before `staleBefore`),
   * not given up on, and due (`now` past their backoff): a failing address waits its turn and
   * never fills the batch ahead of the others.
   */
  claimableEmails(staleBefore: string, now: string, limit = 100): Promise<OutboxRow[]> {
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', staleBefore)]))
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }

  /**
   * Claims an unsent e-mail for `claimant` in one statement, so of several mailers only one
   * wins it; a claim made before `staleBefore` (its mailer died mid-send) may be taken over.
   * True when this claimant won.
   */
  async claimEmail(id: string, claim: { claimant: string; at: string; staleBefore: string }): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ claimed_by: claim.claimant, claimed_at: claim.at })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', claim.staleBefore)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives a claimed e-mail back (sending failed): the next round of any mailer tries it again. */
  async releaseEmail(id: string, claimant: string): Promise<void> {
    await this.db.updateTable('outbox').set({ claimed_by: null, claimed_at: null }).where('id', '=', id).where('claimed_by', '=', claimant).execute();
  }

  /**
   * Records a failed send and gives the claim back: the attempt count, when to try next
   * (`nextAttemptAt`), or that it is a dead letter (`failedAt`: never tried again).
   */
  async recordFailure(
    id: string,
    claimant: string,
    failure: { attempts: number; nextAttemptAt: string | null; failedAt: string | null; error: string },
  ): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({
        claimed_by: null,
        claimed_at: null,
        attempts: failure.attempts,
        next_attempt_at: failure.nextAttemptAt,
        failed_at: failure.failedAt,
        last_error: failure.error.slice(0, 500),
      })
      .where('id', '=', id)
      .where('claimed_by', '=', claimant)
      .execute();
  }

  async markEmailSent(id: string, at: string): Promise<void> {
    await this.db.updateTable('outbox').set({ sent_at: at }).where('id', '=', id).execute();
  }

  /** E-mails not sent yet (the outbox backlog, for metrics). */
  async unsentCount(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('sent_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  outbox(): Promise<OutboxRow[]> {
    return this.db.selectFrom('outbox').selectAll().orderBy('created_at').execute();
  }
}
