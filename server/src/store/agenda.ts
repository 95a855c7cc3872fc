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
    await this.db.deleteFrom('agenda_sessions').where('id', '=', id).execute();
  }

  forEvent(eventId: string): Promise<TalkRow[]> {
    return this.db.selectFrom('agenda_sessions').selectAll().where('event_id', '=', eventId).orderBy('start_at').execute();
  }
}
