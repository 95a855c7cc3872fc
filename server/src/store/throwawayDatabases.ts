import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL database made for one test file or bench run. */
export type ThrowawayDatabase = {
  name: string;
  /** postgres://… of the new database (the server URL with its name). */
  url: string;
  /** Server version, for reports. */
  serverVersion: string;
  drop: () => Promise<void>;
};

/**
 * Creates an empty database `<prefix>_<pid>_<random>` on the PostgreSQL server at
 * `serverUrl` (a superuser URL, such as the private cluster of infra/postgres/ensure.sh).
 * Databases with the same prefix left by processes that are gone (a crashed run) are
 * dropped first. Used by the tests and the benchmarks, never by the platform.
 */
export async function createThrowawayDatabase(serverUrl: string, prefix: string): Promise<ThrowawayDatabase> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`database prefix "${prefix}": lower-case letters, digits, _`);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const serverVersion = await withAdmin(serverUrl, async (admin) => {
    await dropOrphans(admin, prefix);
    await admin.query(`CREATE DATABASE ${name}`);
    const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? '?';
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    serverVersion,
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'cloud-appointment-throwaway' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Drops the databases of this prefix whose process is gone. Another process dropping one at the same moment is fine. */
async function dropOrphans(admin: pg.Client, prefix: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
    `${prefix.replace(/_/g, '\\_')}\\_%`,
  ]);
  for (const { datname } of rows) {
    const pid = Number(new RegExp(`^${prefix}_(\\d+)_`).exec(datname)?.[1]);
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
