import type { Kysely, Migration } from 'kysely';

/**
 * No-show hand-off: when another staff member of the booth takes a meeting whose booked host has not
 * come, the appointment moves to them and remembers when and from whom (the guest is told who is coming).
 */
export const handover: Migration = {
  async up(db: Kysely<unknown>) {
    // One column per statement: SQLite alters one thing at a time.
    await db.schema.alterTable('appointments').addColumn('handed_over_at', 'text').execute();
    await db.schema.alterTable('appointments').addColumn('handed_over_from', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('appointments').dropColumn('handed_over_from').execute();
    await db.schema.alterTable('appointments').dropColumn('handed_over_at').execute();
  },
};
