import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '@ca/signaling';
import type { Cluster } from '../cluster/Cluster.js';
import type { Logger } from '../logger.js';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';
import type { TypedServer } from '../realtime/types.js';
import type { Services } from '../services/index.js';
import type { Store } from '../store/index.js';

/** Listens on `port` and `host`; the URL this node answers on (a wildcard host is named as loopback). */
export async function listen(server: http.Server, port: number, host: string): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const named = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { port: bound, url: `http://${named.includes(':') ? `[${named}]` : named}:${bound}` };
}

/** The background jobs of the services: reminders, outcomes, request expiry, the mail outbox. */
export function startJobs(services: Services): void {
  services.reminders.start();
  services.outcomes.start();
  services.requestExpiry.start();
  services.waitlist.start();
  services.mailer?.start();
}

/**
 * Shutdown, both ways. `close`: rooms close with a "please rejoin", then sockets, cluster, workers,
 * jobs, HTTP and the store, in that order. `drain`: no new joins, participants are told the
 * deadline, rooms finish (up to `timeoutMs`), then `close`. Each runs once however often asked.
 */
export function lifecycle(parts: {
  rooms: Rooms;
  io: TypedServer;
  cluster: Cluster | undefined;
  pool: WorkerPool;
  services: Services;
  server: http.Server;
  store: Store;
  log: Logger;
  drainTimeoutMs: number;
  /** Server-side recordings: running ones stop (their track files are finished) before the store closes. */
  recordings?: { close(): Promise<void> };
}): { close: () => Promise<void>; drain: (timeoutMs?: number) => Promise<void> } {
  const { rooms, io, cluster, pool, services, server, store, log } = parts;
  let closing: Promise<void> | undefined;
  let draining: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      rooms.closeAll({ code: ErrorCode.Unavailable, message: 'the server is restarting; please rejoin' });
      await parts.recordings?.close();
      await io.close();
      await cluster?.close();
      pool.close();
      services.reminders.stop();
      services.outcomes.stop();
      services.requestExpiry.stop();
      services.waitlist.stop();
      services.mailer?.stop();
      await services.attendance.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    })());
  const drain = (timeoutMs = parts.drainTimeoutMs): Promise<void> =>
    (draining ??= (async () => {
      rooms.stopAccepting();
      await cluster?.drain();
      const deadline = Date.now() + timeoutMs;
      // Only this node's sockets: with the Redis adapter a plain emit would reach every node's.
      io.local.emit('serverDraining', { deadline: new Date(deadline).toISOString() });
      log.info({ rooms: rooms.size, timeoutMs }, 'draining: no new joins; waiting for rooms to finish');
      while (rooms.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      await close();
    })());
  return { close, drain };
}
