import type { Kysely, Migration } from 'kysely';

/**
 * Server-side meeting recordings: one row per recording of a room (started and stopped by a host),
 * the consent each participant gave or refused (kept with the recording), and the files made:
 * one per recorded track during the call, then the composed video with its progress.
 */
export const recordings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('recordings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull())
      /** The appointment whose room it is (null for stages and booth walk-ins). */
      .addColumn('appointment_id', 'text')
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('stopped_at', 'text')
      /** 'recording' | 'composing' | 'ready' | 'failed' | 'deleted' */
      .addColumn('status', 'text', (c) => c.notNull())
      /** Composition progress, 0..1. */
      .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
      /** Files are deleted after this instant (retention). */
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('recordings_room').on('recordings').column('room_id').execute();
    await db.schema.createIndex('recordings_appointment').on('recordings').column('appointment_id').execute();
    await db.schema
      .createTable('recording_consents')
      .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
      /** The participant's account, or their peer id when they have none (demo rooms). */
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('consent', 'integer', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('recording_consents_pk', ['recording_id', 'participant'])
      .execute();
    await db.schema
      .createTable('recording_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
      /** 'track' (one producer, copied during the call) or 'composed' (the one video). */
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('participant', 'text')
      /** 'audio' | 'video' for tracks; null for the composed file. */
      .addColumn('media', 'text')
      /** File name inside the recording's folder under RECORDINGS_DIR. */
      .addColumn('file_name', 'text', (c) => c.notNull())
      /** Milliseconds after the recording's start that this track began. */
      .addColumn('offset_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('bytes', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('recording_files_recording').on('recording_files').column('recording_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('recording_files').execute();
    await db.schema.dropTable('recording_consents').execute();
    await db.schema.dropTable('recordings').execute();
  },
};
