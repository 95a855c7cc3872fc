import { execFileSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';

// `npm test` exports MEDIASOUP_WORKER_BIN; a bare `npx vitest` finds the cached worker the same way.
if (!process.env.MEDIASOUP_WORKER_BIN) {
  const out = execFileSync('bash', ['infra/mediasoup-worker/build.sh'], { encoding: 'utf8' });
  process.env.MEDIASOUP_WORKER_BIN = out.trim().split('\n').at(-1);
}

// Unit and integration tests of signaling and server. They use a real mediasoup
// worker (MEDIASOUP_WORKER_BIN, set by infra/test.sh) and real sockets on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['signaling/src/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
