import type { Db } from './database.js';
import type { RecordingConsentRow, RecordingFileRow, RecordingRow, RecordingStatus } from './schema.js';

/** Recordings, the consents kept with them and their files (migration 0010). */
export class RecordingStore {
  constructor(private readonly db: Db) {}

  async create(row: Omit<RecordingRow, 'progress' | 'stopped_at'>): Promise<void> {
    await this.db
      .insertInto('recordings')
      .values({ ...row, stopped_at: null })
      .execute();
  }

  get(id: string): Promise<RecordingRow | undefined> {
    return this.db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** An appointment's recordings, newest first (deleted ones left out). */
  forAppointment(appointmentId: string): Promise<RecordingRow[]> {
    return this.db
      .selectFrom('recordings')
      .selectAll()
      .where('appointment_id', '=', appointmentId)
      .where('status', '!=', 'deleted')
      .orderBy('started_at', 'desc')
      .execute();
  }

  /** A room's recordings (a stage's), newest first, deleted ones left out. */
  forRoom(roomId: string): Promise<RecordingRow[]> {
    return this.db
      .selectFrom('recordings')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('status', '!=', 'deleted')
      .orderBy('started_at', 'desc')
      .execute();
  }

  async stopped(id: string, at: string): Promise<void> {
    await this.db.updateTable('recordings').set({ stopped_at: at, status: 'composing', progress: 0 }).where('id', '=', id).execute();
  }

  async setStatus(id: string, status: RecordingStatus, progress?: number): Promise<void> {
    await this.db
      .updateTable('recordings')
      .set({ status, ...(progress !== undefined && { progress }) })
      .where('id', '=', id)
      .execute();
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.db.updateTable('recordings').set({ progress }).where('id', '=', id).execute();
  }

  /** Recordings whose retention ended by `now` and whose files are still kept. */
  expired(now: string): Promise<RecordingRow[]> {
    return this.db
      .selectFrom('recordings')
      .selectAll()
      .where('expires_at', '<=', now)
      .where('status', '!=', 'deleted')
      .where('status', '!=', 'recording')
      .execute();
  }

  /** A participant decided (again: the later answer counts). */
  async setConsent(row: RecordingConsentRow): Promise<void> {
    await this.db
      .insertInto('recording_consents')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['recording_id', 'participant']).doUpdateSet({ consent: row.consent, decided_at: row.decided_at, display_name: row.display_name }),
      )
      .execute();
  }

  consents(recordingId: string): Promise<RecordingConsentRow[]> {
    return this.db.selectFrom('recording_consents').selectAll().where('recording_id', '=', recordingId).orderBy('decided_at').execute();
  }

  async addFile(row: Omit<RecordingFileRow, 'bytes' | 'language'> & { bytes?: number; language?: string | null }): Promise<void> {
    await this.db.insertInto('recording_files').values(row).execute();
  }

  async setFileBytes(id: string, bytes: number): Promise<void> {
    await this.db.updateTable('recording_files').set({ bytes }).where('id', '=', id).execute();
  }

  files(recordingId: string): Promise<RecordingFileRow[]> {
    return this.db.selectFrom('recording_files').selectAll().where('recording_id', '=', recordingId).orderBy('offset_ms').execute();
  }

  async deleteFiles(recordingId: string): Promise<void> {
    await this.db.deleteFrom('recording_files').where('recording_id', '=', recordingId).execute();
  }

  /** Bytes kept on disk over all recordings (files not yet deleted). */
  async totalBytes(): Promise<number> {
    const row = await this.db
      .selectFrom('recording_files')
      .select((eb) => eb.fn.sum<number | string | null>('bytes').as('total'))
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }
}
