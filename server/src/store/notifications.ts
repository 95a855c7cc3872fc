import type { Db } from './database.js';
import type { NotificationRow, NotificationsTable, OutboxTable } from './schema.js';

/** In-app notifications and the e-mail outbox. Both dedupe on a key, so a reminder is written once. */
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

  async enqueueEmail(row: OutboxTable): Promise<boolean> {
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

  forUser(userId: string, limit = 50): Promise<NotificationRow[]> {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  async markRead(userId: string, id: string, at: string): Promise<void> {
    await this.db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).execute();
  }

  unsentEmails(limit = 100): Promise<OutboxTable[]> {
    return this.db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).orderBy('created_at').limit(limit).execute();
  }

  async markEmailSent(id: string, at: string): Promise<void> {
    await this.db.updateTable('outbox').set({ sent_at: at }).where('id', '=', id).execute();
  }

  outbox(): Promise<OutboxTable[]> {
    return this.db.selectFrom('outbox').selectAll().orderBy('created_at').execute();
  }
}
