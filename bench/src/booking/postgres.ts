import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
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
 * fsync off), creates `ca_bench_<pid>_<ms>` in it, hands it to `use` and drops it afterwards,
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
  const name = `ca_bench_${process.pid}_${Date.now()}`;
  const version = await withAdmin(serverUrl, async (admin) => {
    await dropOrphans(admin);
    await admin.query(`CREATE DATABASE ${name}`);
    const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? '?';
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`booking on PostgreSQL: server ${version}, database ${name}`);
  try {
    return await use({
      url: url.toString(),
      description: `PostgreSQL ${version} on ${url.host} (the test cluster of infra/postgres/ensure.sh: fsync and synchronous_commit off), a fresh database with the demo expo seed, a pool of 10 connections (the default DATABASE_POOL_SIZE)`,
    });
  } finally {
    await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

async function withAdmin<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'cloud-appointment-bench' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Drops the bench databases of processes that are gone (a run that crashed or hit its time limit). */
async function dropOrphans(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'ca\\_bench\\_%'`);
  for (const { datname } of rows) {
    const pid = Number(/^ca_bench_(\d+)_\d+$/.exec(datname)?.[1]);
    if (!Number.isInteger(pid) || isAlive(pid)) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
