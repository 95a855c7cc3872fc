import type { Kysely, Migration } from 'kysely';

/**
 * Booth page visits for the exhibitors' dashboards: anonymous counts per booth and quarter hour
 * (UTC), never who visited. Quarter hours, because every zone's offset is a multiple of 15 minutes:
 * a bucket falls into one local day and hour in any zone the dashboard is read in.
 */
export const boothVisits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('booth_visits')
      .addColumn('booth_id', 'text', (c) => c.notNull())
      /** The quarter hour's start, ISO UTC ("2026-05-04T07:15:00.000Z"). */
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('visits', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('booth_visits_pk', ['booth_id', 'bucket'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('booth_visits').execute();
  },
};
