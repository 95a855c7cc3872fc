import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseOptions, type Db } from '../store/index.js';
import { createThrowawayDatabase } from '../store/throwawayDatabases.js';

export type TestEngine = DatabaseOptions['engine'];

/**
 * The engine this test run stores on: TEST_DATABASE=postgres (the vitest project "postgres"
 * sets it) or sqlite (default). The PostgreSQL server is TEST_DATABASE_URL, a superuser URL
 * that vitest.config.ts gets from infra/postgres/ensure.sh.
 */
export function testEngine(): TestEngine {
  const engine = process.env.TEST_DATABASE ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`TEST_DATABASE=${engine}: expected sqlite or postgres`);
  return engine;
}

/** A fresh, empty database of its own for one test file; `drop()` removes it. */
export type TestDatabase = {
  engine: TestEngine;
  options: DatabaseOptions;
  /** The environment that points the platform's config at it (DATABASE_FILE or DATABASE_URL). */
  env: Record<string, string>;
  /** Opens a new connection (pool) to it; close it with `db.destroy()` before `drop()`. */
  open: () => Db;
  drop: () => Promise<void>;
};

/**
 * Creates an empty database on the engine under test: a SQLite file in a temp folder, or on
 * PostgreSQL a database `ca_test_<pid>_<random>` (databases left behind by test processes that
 * died are dropped on the way). Throws, never skips, when PostgreSQL is asked for and missing.
 */
export async function createTestDatabase(engine: TestEngine = testEngine()): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-test-db-'));
    const options: DatabaseOptions = { engine, file: path.join(dir, 'store.sqlite') };
    return {
      engine,
      options,
      env: { DATABASE_FILE: options.file },
      open: () => openDatabase(options),
      drop: () => fs.promises.rm(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests with `npm test` or `npx vitest`, whose config starts ' +
        'PostgreSQL with infra/postgres/ensure.sh',
    );
  }
  const database = await createThrowawayDatabase(adminUrl, 'ca_test');
  const options: DatabaseOptions = { engine, url: database.url, poolSize: 10 };
  return {
    engine,
    options,
    env: { DATABASE_URL: options.url },
    open: () => openDatabase(options),
    drop: database.drop,
  };
}
