import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the client's non-React layers (signaling client, MeetingClient),
 * in Node against a real Socket.io server on 127.0.0.1 and mediasoup-client's FakeHandler.
 * Run: `npx vitest run --root client`.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 10_000,
  },
});
