import { defineConfig } from 'vitest/config';

// Unit and integration tests of signaling and server. They use a real mediasoup
// worker (MEDIASOUP_WORKER_BIN, set by infra/test.sh) and real sockets on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['signaling/src/**/*.test.ts', 'server/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
