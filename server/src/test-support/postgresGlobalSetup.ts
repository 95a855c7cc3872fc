import pg from 'pg';

/**
 * vitest globalSetup of the "postgres" project: before any of its tests, the server in
 * TEST_DATABASE_URL must answer and be allowed to create databases. If not, the whole run
 * stops with this error instead of every test file failing (or looking skipped) on its own.
 */
export default async function checkTestPostgres(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set (vitest.config.ts sets it from infra/postgres/ensure.sh)');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT rolcreatedb OR rolsuper AS ok FROM pg_roles WHERE rolname = current_user');
    if (!rows[0]?.ok) throw new Error('the TEST_DATABASE_URL role may not create databases');
  } catch (err) {
    const where = new URL(url);
    where.password = '';
    throw new Error(`the test PostgreSQL at ${where.toString()} is unavailable: ${(err as Error).message}`, { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}
