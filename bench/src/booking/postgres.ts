import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createThrowawayDatabase } from '@ca/server/dist/store/throwawayDatabases.js';
import { repoRoot } from '../lib/machine.js';

/** A fresh, empty PostgreSQL database for one bench run. */
export type BenchDatabase = {
  /** postgres://… of the database, for the platform's DATABASE_URL. */
  url: string;
  /** For the report: server version and where, without credentials. */
  description: string;
};

/**
 * Starts (or reuses) the private test PostgreSQL of infra/postgres/ensure.sh (127.0.0.1:55432,
 * fsync off), creates `ca_bench_<pid>_<random>` in it, hands it to `use` and drops it afterwards,
 * also when `use` throws. Databases left behind by bench processes that died are dropped first.
 * Throws when PostgreSQL cannot be had: the caller reports that as the section's error.
 */
export async function withBenchDatabase<T>(log: (line: string) => void, use: (database: BenchDatabase) => Promise<T>): Promise<T> {
  const ensure = await promisify(execFile)('bash', [path.join(repoRoot, 'infra/postgres/ensure.sh')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const serverUrl = ensure.stdout.trim().split('\n').at(-1);
  if (!serverUrl) throw new Error('infra/postgres/ensure.sh printed no URL');
  const database = await createThrowawayDatabase(serverUrl, 'ca_bench');
  log(`booking on PostgreSQL: server ${database.serverVersion}, database ${database.name}`);
  try {
    return await use({
      url: database.url,
      description: `PostgreSQL ${database.serverVersion} on ${new URL(serverUrl).host} (the test cluster of infra/postgres/ensure.sh: fsync and synchronous_commit off), a fresh database with the demo expo seed, a pool of 10 connections (the default DATABASE_POOL_SIZE)`,
    });
  } finally {
    await database.drop();
  }
}
