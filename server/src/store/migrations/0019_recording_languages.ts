import type { Kysely, Migration } from 'kysely';

/** A recorded track of an interpretation channel keeps its language: it becomes its own audio track in the composed video. */
export const recordingLanguages: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('recording_files').addColumn('language', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('recording_files').dropColumn('language').execute();
  },
};
