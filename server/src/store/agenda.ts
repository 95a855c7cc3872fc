import type { Db } from './database.js';
import type { TalkRow, TalksTable } from './schema.js';

/** The organizer's programme: talks, panels and keynotes on the halls' stages. */
export class AgendaStore {
  constructor(private readonly db: Db) {}

  async insert(row: TalksTable): Promise<void> {
    await this.db.insertInto('agenda_sessions').values(row).execute();
  }

  byId(id: string): Promise<TalkRow | undefined> {
    return this.db.selectFrom('agenda_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('session_interpreters').where('session_id', '=', id).execute();
    await this.db.deleteFrom('agenda_sessions').where('id', '=', id).execute();
  }

  /** The session's interpreters with their names and e-mail addresses, by language. */
  interpreters(sessionId: string): Promise<Array<{ language: string; user_id: string; name: string; email: string }>> {
    return this.db
      .selectFrom('session_interpreters')
      .innerJoin('users', 'users.id', 'session_interpreters.user_id')
      .select(['session_interpreters.language', 'session_interpreters.user_id', 'users.name', 'users.email'])
      .where('session_interpreters.session_id', '=', sessionId)
      .orderBy('session_interpreters.language')
      .orderBy('users.name')
      .execute();
  }

  /** Replaces the session's interpreters (in one transaction). */
  async setInterpreters(sessionId: string, rows: Array<{ language: string; user_id: string }>, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('session_interpreters').where('session_id', '=', sessionId).execute();
      if (rows.length > 0) {
        await trx
          .insertInto('session_interpreters')
          .values(rows.map((r) => ({ session_id: sessionId, language: r.language, user_id: r.user_id, created_at: at })))
          .execute();
      }
    });
  }

  /** The languages a user interprets into on a session (none: not its interpreter). */
  async languagesOf(sessionId: string, userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('session_interpreters')
      .select('language')
      .where('session_id', '=', sessionId)
      .where('user_id', '=', userId)
      .orderBy('language')
      .execute();
    return rows.map((r) => r.language);
  }

  forEvent(eventId: string): Promise<TalkRow[]> {
    return this.db.selectFrom('agenda_sessions').selectAll().where('event_id', '=', eventId).orderBy('start_at').execute();
  }
}
