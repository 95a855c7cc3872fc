import type { Kysely, Migration } from 'kysely';

/** A guest's request for an interpreter when booking (the language), and the staff member the booth assigned. */
export const interpreterRequests: Migration = {
  async up(db: Kysely<unknown>) {
    // One column per statement: SQLite alters one thing at a time.
    await db.schema.alterTable('appointments').addColumn('interpreter_language', 'text').execute();
    await db.schema.alterTable('appointments').addColumn('interpreter_staff_id', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('appointments').dropColumn('interpreter_staff_id').execute();
    await db.schema.alterTable('appointments').dropColumn('interpreter_language').execute();
  },
};
