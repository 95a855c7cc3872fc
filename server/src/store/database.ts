import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Where the store keeps its data: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseOptions =
  | {
      engine: 'sqlite';
      /** The database file, or ':memory:'. */
      file: string;
    }
  | {
      engine: 'postgres';
      /** postgres://user:password@host:port/database (the password never reaches a log). */
      url: string;
      /** Most connections this process opens. Default 10. */
      poolSize?: number;
    };

export type DatabaseHooks = {
  /** Told when an idle pooled PostgreSQL connection fails (server restart, network drop); the pool replaces it. */
  onIdleError?: (err: Error) => void;
};

/**
 * Opens the store's database. The rest of the server sees only `Db` (and the Store port
 * over it): the queries and migrations are the same on both engines.
 */
export function openDatabase(options: DatabaseOptions, hooks: DatabaseHooks = {}): Db {
  return options.engine === 'sqlite' ? openSqlite(options.file) : openPostgres(options, hooks);
}

/** The database as logs may show it: the engine and where, without credentials. */
export function describeDatabase(options: DatabaseOptions): string {
  if (options.engine === 'sqlite') return `sqlite:${options.file}`;
  const url = new URL(options.url);
  url.password = '';
  url.search = '';
  return url.toString();
}

/**
 * Opens the embedded SQLite database (a file, or ':memory:' for tests) in WAL mode
 * with foreign keys on.
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
}

/** Most distinct SQL texts whose prepared statements are kept (queries with `in (?, ?, …)` vary in length). */
const MAX_PREPARED_STATEMENTS = 500;

/**
 * The database as Kysely sees it, with each SQL text prepared once and its statement reused
 * (Kysely prepares a new one for every query: 7 % of a slots request's CPU in the profile).
 * Safe because Kysely runs one query at a time per connection and uses `all`/`run`, which
 * finish before they return; the streaming `iterate` (which Kysely's `stream()` would use and
 * this code base does not) would hold a statement busy.
 */
function reusingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      let statement = prepared.get(sql);
      if (!statement) {
        if (prepared.size >= MAX_PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
        statement = sqlite.prepare(sql);
        prepared.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * A pool of connections to PostgreSQL. Transactions run at the server's default isolation
 * (READ COMMITTED); the booking service serialises what must be serial with row locks.
 */
export function openPostgres(options: Extract<DatabaseOptions, { engine: 'postgres' }>, hooks: DatabaseHooks = {}): Db {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: 'cloud-appointment',
  });
  pool.on('error', (err) => hooks.onIdleError?.(err));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/**
 * Brings the schema up to date; throws (and changes nothing further) if a migration fails.
 * On PostgreSQL, nodes starting together take turns (Kysely holds an advisory lock).
 */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
