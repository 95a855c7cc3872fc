import type { Db } from './database.js';
import type { AttendanceRow, BoothVisitsTable } from './schema.js';

/** Lists longer than this are queried in chunks (SQLite and PostgreSQL both cap bound parameters). */
const CHUNK = 500;

async function chunked<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await query(ids.slice(i, i + CHUNK))));
  return out;
}

/** The reads behind the dashboards, and the anonymous booth visit counter. */
export class AnalyticsStore {
  constructor(private readonly db: Db) {}

  /** One more visit of a booth's page in this quarter hour (one upsert, safe from several nodes at once). */
  async countVisit(boothId: string, bucket: string): Promise<void> {
    await this.db
      .insertInto('booth_visits')
      .values({ booth_id: boothId, bucket, visits: 1 })
      .onConflict((oc) => oc.columns(['booth_id', 'bucket']).doUpdateSet((eb) => ({ visits: eb('booth_visits.visits', '+', 1) })))
      .execute();
  }

  /** Visit counts of these booths in quarter hours starting in [from, to). */
  visits(boothIds: readonly string[], from: string, to: string): Promise<BoothVisitsTable[]> {
    return chunked(boothIds, (chunk) =>
      this.db.selectFrom('booth_visits').selectAll().where('booth_id', 'in', chunk).where('bucket', '>=', from).where('bucket', '<', to).execute(),
    );
  }

  /** Attendance rows of these rooms. */
  attendanceIn(roomIds: readonly string[]): Promise<AttendanceRow[]> {
    return chunked(roomIds, (chunk) => this.db.selectFrom('attendance').selectAll().where('room_id', 'in', chunk).execute());
  }

  /** Everyone present in a room who came in within [since, until] (older rows are a crashed node's leftovers). */
  presentBetween(since: string, until: string): Promise<AttendanceRow[]> {
    return this.db
      .selectFrom('attendance')
      .selectAll()
      .where('present_since', 'is not', null)
      .where('present_since', '>=', since)
      .where('present_since', '<=', until)
      .execute();
  }

  /** Country and language of these people's profiles (for counts, never shown per person). */
  profiles(userIds: readonly string[]): Promise<{ id: string; country: string; language: string }[]> {
    return chunked(userIds, (chunk) => this.db.selectFrom('users').select(['id', 'country', 'language']).where('id', 'in', chunk).execute());
  }
}
