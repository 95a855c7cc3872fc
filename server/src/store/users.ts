import type { Db } from './database.js';
import type { UserRow, UsersTable } from './schema.js';

/** Accounts and their login sessions. */
export class UserStore {
  constructor(private readonly db: Db) {}

  async insert(user: UsersTable): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }

  byEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  /** Names of these users, by id. */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  byId(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: string, patch: Partial<Pick<UsersTable, 'name' | 'language' | 'time_zone' | 'country'>>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  /** A deleted account: no way to sign in, no personal data; the id stays so past meetings still make sense. */
  async anonymise(id: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ email: `deleted-${id}@deleted.invalid`, name: '—', password_hash: '', country: '', created_at: '1970-01-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
  }

  async setPasswordHash(id: string, hash: string, db: Db = this.db): Promise<void> {
    await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
  }

  /** Ends every session of this user but `keep` (a digest; the session that changed the password). */
  async deleteAuthSessionsOf(userId: string, keep?: string, db: Db = this.db): Promise<void> {
    let query = db.deleteFrom('auth_sessions').where('user_id', '=', userId);
    if (keep !== undefined) query = query.where('id', '!=', keep);
    await query.execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createAuthSession(session: { id: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string }) {
    await this.db
      .insertInto('auth_sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session and its user, if the session exists and has not expired at `now` (ISO). */
  async authSessionWithUser(digest: string, now: string) {
    return this.db
      .selectFrom('auth_sessions')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .selectAll('users')
      .select(['auth_sessions.csrf_token', 'auth_sessions.expires_at'])
      .where('auth_sessions.id', '=', digest)
      .where('auth_sessions.expires_at', '>', now)
      .executeTakeFirst();
  }

  async deleteAuthSession(digest: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('id', '=', digest).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('auth_sessions').where('expires_at', '<=', now).execute();
  }
}
