import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { migrate, type Db } from './index.js';
import { migrations } from './migrations/index.js';

const TABLES = [
  'account_tokens',
  'agenda_sessions',
  'appointments',
  'attendance',
  'auth_sessions',
  'booth_questions',
  'booth_visits',
  'booths',
  'events',
  'halls',
  'lead_cards',
  'lead_notes',
  'notifications',
  'outbox',
  'recording_consents',
  'recording_files',
  'recordings',
  'session_interpreters',
  'settings',
  'staff',
  'users',
  'waitlist',
];

/** Our tables as the database's catalogue lists them (Kysely's own bookkeeping tables aside). */
async function tables(db: Db): Promise<string[]> {
  const all = await db.introspection.getTables();
  return all
    .map((t) => t.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

describe(`migrations on ${testEngine()}`, () => {
  let database: TestDatabase;
  let db: Db;
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });
  const fresh = async () => {
    database = await createTestDatabase();
    db = database.open();
  };

  it('migrate() brings an empty database to the latest schema in order, then has nothing left to do', async () => {
    await fresh();
    expect(await migrate(db)).toEqual(Object.keys(migrations));
    expect(await tables(db)).toEqual(TABLES);
    const staff = (await db.introspection.getTables()).find((t) => t.name === 'staff');
    expect(staff?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['lock_version', 'group_size']));
    expect(await migrate(db)).toEqual([]);
  });

  it('every migration goes down again, to an empty database, and back up', async () => {
    await fresh();
    await migrate(db);
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations).reverse());
    expect(await tables(db)).toEqual([]);
    expect(await migrate(db)).toEqual(Object.keys(migrations));
  });

  // Several nodes share PostgreSQL only; SQLite is one node's own file. So this runs in the postgres project
  // (registered there, not skipped here).
  const postgresOnly = testEngine() === 'postgres' ? it : undefined;
  postgresOnly?.('nodes starting together migrate once: each migration is applied exactly once', async () => {
    await fresh();
    const others = [database.open(), database.open()];
    try {
      const applied = await Promise.all([db, ...others].map((d) => migrate(d)));
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await Promise.all(others.map((d) => d.destroy()));
    }
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from kysely_migration`.execute(db);
    expect(Number(rows[0]?.n)).toBe(Object.keys(migrations).length);
  });

  it('a new staff row gets group_size 1 and lock_version 0 from the column defaults', async () => {
    await fresh();
    await migrate(db);
    await sql`insert into users (id, email, name, password_hash, role, country, language, time_zone, created_at)
      values ('u1', 'u1@example.test', 'U', 'x', 'staff', 'DE', 'en', 'UTC', '2026-01-01T00:00:00.000Z')`.execute(db);
    await sql`insert into events (id, name, description, starts_on, ends_on, time_zone, created_at)
      values ('e1', 'E', '', '2026-05-04', '2026-05-04', 'UTC', '2026-01-01T00:00:00.000Z')`.execute(db);
    await sql`insert into halls (id, event_id, name, position) values ('h1', 'e1', 'H', 1)`.execute(db);
    await sql`insert into booths (id, event_id, hall_id, organisation, description, tags, languages, country, created_at)
      values ('b1', 'e1', 'h1', 'B', '', '[]', '[]', 'DE', '2026-01-01T00:00:00.000Z')`.execute(db);
    await sql`insert into staff (id, booth_id, user_id, title, time_zone, availability, buffer_minutes, meeting_lengths)
      values ('s1', 'b1', 'u1', 'Rep', 'UTC', '{}', 0, '[30]')`.execute(db);
    const row = await db.selectFrom('staff').select(['group_size', 'lock_version']).executeTakeFirstOrThrow();
    expect(row).toEqual({ group_size: 1, lock_version: 0 });
  });
});
