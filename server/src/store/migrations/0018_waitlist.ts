import type { Kysely, Migration } from 'kysely';

/**
 * The waitlist: a guest waits for a booth day with no free time. When a meeting of that booth on
 * that day is called off, the first waiting guest is offered its time for a while, then the next.
 */
export const waitlist: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('waitlist')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('booth_id', 'text', (c) => c.notNull())
      .addColumn('guest_id', 'text', (c) => c.notNull())
      /** The local day waited for ("YYYY-MM-DD") in `zone`, and its UTC bounds [window_start, window_end). */
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('zone', 'text', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('window_end', 'text', (c) => c.notNull())
      /** waiting | offered | booked | expired | left */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('offer_start', 'text')
      .addColumn('offer_end', 'text')
      .addColumn('offer_staff_id', 'text')
      .addColumn('offer_expires_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('waitlist_once').on('waitlist').columns(['booth_id', 'guest_id', 'day']).unique().execute();
    await db.schema.createIndex('waitlist_booth').on('waitlist').columns(['booth_id', 'status']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('waitlist').execute();
  },
};
