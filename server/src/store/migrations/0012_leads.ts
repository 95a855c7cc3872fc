import type { Kysely, Migration } from 'kysely';

/**
 * Leads: the contact card a guest chose to share with a booth for one appointment (what, when;
 * revocable: a revoked card keeps only the fact and the times), and the booth staff's notes on the
 * lead (rating, tags, free text, answers to the booth's own qualification questions).
 */
export const leads: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('lead_cards')
      .addColumn('appointment_id', 'text', (c) => c.primaryKey())
      .addColumn('booth_id', 'text', (c) => c.notNull())
      .addColumn('guest_id', 'text', (c) => c.notNull())
      /** JSON: the fields the guest shared (name, email, company, jobTitle, phone, country); {} once revoked. */
      .addColumn('card', 'text', (c) => c.notNull())
      .addColumn('consented_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('lead_cards_booth').on('lead_cards').column('booth_id').execute();
    await db.schema
      .createTable('lead_notes')
      .addColumn('appointment_id', 'text', (c) => c.primaryKey())
      .addColumn('booth_id', 'text', (c) => c.notNull())
      .addColumn('rating', 'text')
      /** JSON string[] */
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      /** JSON Record<questionId, string> */
      .addColumn('answers', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('lead_notes_booth').on('lead_notes').column('booth_id').execute();
    await db.schema
      .createTable('booth_questions')
      .addColumn('booth_id', 'text', (c) => c.primaryKey())
      /** JSON [{ id, text }] */
      .addColumn('questions', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('booth_questions').execute();
    await db.schema.dropTable('lead_notes').execute();
    await db.schema.dropTable('lead_cards').execute();
  },
};
