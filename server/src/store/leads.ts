import type { Db } from './database.js';
import type { LeadCardRow, LeadNoteRow } from './schema.js';

/** Contact cards guests shared with booths, the staff's notes on those leads, and each booth's questions. */
export class LeadStore {
  constructor(private readonly db: Db) {}

  /** Shares (or re-shares, replacing the fields) a card for one appointment. */
  async shareCard(row: Omit<LeadCardRow, 'revoked_at'>): Promise<void> {
    await this.db
      .insertInto('lead_cards')
      .values({ ...row, revoked_at: null })
      .onConflict((oc) => oc.column('appointment_id').doUpdateSet({ card: row.card, consented_at: row.consented_at, revoked_at: null }))
      .execute();
  }

  /** Withdraws a card: its fields go, the times stay as the record of consent. False if there was none to withdraw. */
  async revokeCard(appointmentId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('lead_cards')
      .set({ card: '{}', revoked_at: at })
      .where('appointment_id', '=', appointmentId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  cardOf(appointmentId: string): Promise<LeadCardRow | undefined> {
    return this.db.selectFrom('lead_cards').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();
  }

  cardsOfBooth(boothId: string): Promise<LeadCardRow[]> {
    return this.db.selectFrom('lead_cards').selectAll().where('booth_id', '=', boothId).execute();
  }

  cardsOfGuest(guestId: string): Promise<LeadCardRow[]> {
    return this.db.selectFrom('lead_cards').selectAll().where('guest_id', '=', guestId).execute();
  }

  async saveNote(row: LeadNoteRow): Promise<void> {
    const { appointment_id: _appointment, booth_id: _booth, ...rest } = row;
    await this.db
      .insertInto('lead_notes')
      .values(row)
      .onConflict((oc) => oc.column('appointment_id').doUpdateSet(rest))
      .execute();
  }

  notesOfBooth(boothId: string): Promise<LeadNoteRow[]> {
    return this.db.selectFrom('lead_notes').selectAll().where('booth_id', '=', boothId).execute();
  }

  async questions(boothId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('booth_questions').select('questions').where('booth_id', '=', boothId).executeTakeFirst();
    return row?.questions;
  }

  async setQuestions(boothId: string, questions: string): Promise<void> {
    await this.db
      .insertInto('booth_questions')
      .values({ booth_id: boothId, questions })
      .onConflict((oc) => oc.column('booth_id').doUpdateSet({ questions }))
      .execute();
  }
}
