import type { Db } from './database.js';
import type { AccountTokenRow, AccountTokensTable } from './schema.js';

/** Single-use, expiring tokens sent by e-mail, kept as their SHA-256 only. */
export class AccountTokenStore {
  constructor(private readonly db: Db) {}

  async insert(row: AccountTokensTable): Promise<void> {
    await this.db.insertInto('account_tokens').values(row).execute();
  }

  /**
   * Uses a token: marks it used in one statement, so of two requests racing with the same
   * token one wins. The row when it was unused, unexpired at `now` and for `purpose`; else undefined.
   */
  async consume(digest: string, purpose: AccountTokensTable['purpose'], now: string, db: Db = this.db): Promise<AccountTokenRow | undefined> {
    const result = await db
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('id', '=', digest)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return db.selectFrom('account_tokens').selectAll().where('id', '=', digest).executeTakeFirst();
  }

  /** Ends every unused token of this user for `purpose` (a newer one was used, or the password changed). */
  async revokeForUser(userId: string, purpose: AccountTokensTable['purpose'], now: string, db: Db = this.db): Promise<void> {
    await db
      .updateTable('account_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }

  /** Drops tokens that expired before `before` (used or not). */
  async deleteExpired(before: string): Promise<void> {
    await this.db.deleteFrom('account_tokens').where('expires_at', '<', before).execute();
  }
}
