/**
 * Child process: the whole Cloud Appointment platform (HTTP API, Socket.io signaling,
 * mediasoup workers) from the server's compiled dist, as `npm start` runs it, on an
 * ephemeral 127.0.0.1 port with the demo expo seeded, on a SQLite file or a PostgreSQL database.
 */
import { loadConfig } from '@ca/server/dist/config.js';
import { createLogger } from '@ca/server/dist/logger.js';
import { startPlatform } from '@ca/server/dist/platform.js';
import type { PlatformTargetOptions } from './protocol.js';
import { serveTarget, targetOptions } from './serve.js';

serveTarget(async () => {
  const options = targetOptions<PlatformTargetOptions>();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'true',
    // The load generator stands in for a proxy on this machine: its X-Forwarded-For spreads guests over addresses.
    TRUST_PROXY: 'loopback',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_FILE: options.databaseFile }),
    MEDIA_WORKERS: String(options.mediaWorkers),
    MAX_PEERS_PER_ROOM: String(options.maxPeersPerRoom),
    ...(options.socketRequestsPerSecond && { SOCKET_REQUESTS_PER_SECOND: String(options.socketRequestsPerSecond) }),
  });
  const platform = await startPlatform(config, createLogger('silent'));
  return { url: platform.url, workerPids: () => platform.pool.pids, close: platform.close };
});
