import type { Kysely, Migration } from 'kysely';

/**
 * Attendance from the media server: one row per meeting room and person (first join, last
 * leave, seconds present summed over reconnects, a quality summary from the browser's reports).
 * Appointments learn their outcome's details (who was missing, whether attendance or staff decided)
 * and keep the guest's pre-join connection test.
 */
export const attendance: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attendance')
      .addColumn('room_id', 'text', (c) => c.notNull())
      // No foreign key: a room holds whoever its tokens name; a deleted account's rows go with it by hand.
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('first_join_at', 'text', (c) => c.notNull())
      .addColumn('last_leave_at', 'text')
      .addColumn('seconds', 'integer', (c) => c.notNull())
      /** Set while present: seconds since then are added at the next leave. */
      .addColumn('present_since', 'text')
      /** JSON quality summary (medians), null without reports. */
      .addColumn('quality', 'text')
      .addPrimaryKeyConstraint('attendance_pk', ['room_id', 'user_id'])
      .execute();
    await db.schema.createIndex('attendance_user').on('attendance').column('user_id').execute();
    // One column per statement: SQLite alters one thing at a time.
    await db.schema.alterTable('appointments').addColumn('missing_party', 'text').execute();
    await db.schema.alterTable('appointments').addColumn('outcome_by', 'text').execute();
    // The guest's pre-join connection test (JSON), shown to the host.
    await db.schema.alterTable('appointments').addColumn('connection_test', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('appointments').dropColumn('connection_test').execute();
    await db.schema.alterTable('appointments').dropColumn('outcome_by').execute();
    await db.schema.alterTable('appointments').dropColumn('missing_party').execute();
    await db.schema.dropTable('attendance').execute();
  },
};
