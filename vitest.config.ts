import { execFileSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';

// `npm test` exports MEDIASOUP_WORKER_BIN; a bare `npx vitest` finds the cached worker the same way.
if (!process.env.MEDIASOUP_WORKER_BIN) {
  const out = execFileSync('bash', ['infra/mediasoup-worker/build.sh'], { encoding: 'utf8' });
  process.env.MEDIASOUP_WORKER_BIN = out.trim().split('\n').at(-1);
}

// Likewise TEST_DATABASE_URL: the private test PostgreSQL, installed and started when missing.
// If it cannot be had, this throws and the run fails: the PostgreSQL tests never skip.
if (!process.env.TEST_DATABASE_URL) {
  const out = execFileSync('bash', ['infra/postgres/ensure.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.env.TEST_DATABASE_URL = out.trim().split('\n').at(-1);
}

// Every test that reaches the store runs twice: once on SQLite (the default engine) and once
// on PostgreSQL, each test file on a fresh database (server/src/test-support/database.ts).
const storeTests = ['server/src/store/**/*.test.ts', 'server/src/http/**/*.test.ts', 'server/src/services/**/*.test.ts'];

// Unit and integration tests of signaling and server. They use a real mediasoup
// worker (MEDIASOUP_WORKER_BIN, set by infra/test.sh) and real sockets on 127.0.0.1.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'signaling/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'client/src/**/*.test.ts',
            'client/src/**/*.test.tsx',
            'bench/src/**/*.test.ts',
          ],
          env: { TEST_DATABASE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: storeTests,
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['server/src/test-support/postgresGlobalSetup.ts'],
        },
      },
    ],
  },
});
