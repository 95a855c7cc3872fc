/**
 * Child process: the platform as platformTarget.ts starts it, plus live-object counters for
 * the soak: mediasoup routers, transports, producers, consumers and data channels (counted
 * through mediasoup's observer API, registered before the first worker starts), the
 * platform's rooms, and this process's active handles by kind (timers, sockets) from
 * process.getActiveResourcesInfo().
 */
import { loadConfig } from '@ca/server/dist/config.js';
import { createLogger } from '@ca/server/dist/logger.js';
import { startPlatform } from '@ca/server/dist/platform.js';
import * as mediasoup from 'mediasoup';
import type { PlatformTargetOptions } from '../targets/protocol.js';
import { serveTarget, targetOptions } from '../targets/serve.js';

export type SoakTargetOptions = PlatformTargetOptions & {
  /** How long a dropped participant keeps their place (the platform's RESUME_GRACE_MS), ms. */
  resumeGraceMs: number;
};

const live = { routers: 0, transports: 0, producers: 0, consumers: 0, dataProducers: 0, dataConsumers: 0 };
/** The most of each that lived at once (shows the counting saw the meetings at all). */
const peak: Record<string, number> = {};

/** Counts one object while it lives. */
function track(kind: keyof typeof live, observer: { once: (event: 'close', listener: () => void) => unknown }): void {
  live[kind] += 1;
  peak[`peak.${kind}`] = Math.max(peak[`peak.${kind}`] ?? 0, live[kind]);
  observer.once('close', () => (live[kind] -= 1));
}

mediasoup.observer.on('newworker', (worker) => {
  worker.observer.on('newrouter', (router) => {
    track('routers', router.observer);
    router.observer.on('newtransport', (transport) => {
      track('transports', transport.observer);
      transport.observer.on('newproducer', (p) => track('producers', p.observer));
      transport.observer.on('newconsumer', (c) => track('consumers', c.observer));
      transport.observer.on('newdataproducer', (p) => track('dataProducers', p.observer));
      transport.observer.on('newdataconsumer', (c) => track('dataConsumers', c.observer));
    });
  });
});

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[`handles.${kind}`] = (counts[`handles.${kind}`] ?? 0) + 1;
  return counts;
}

serveTarget(async () => {
  const options = targetOptions<SoakTargetOptions>();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'true',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_FILE: options.databaseFile }),
    MEDIA_WORKERS: String(options.mediaWorkers),
    MAX_PEERS_PER_ROOM: String(options.maxPeersPerRoom),
    RESUME_GRACE_MS: String(options.resumeGraceMs),
  });
  const platform = await startPlatform(config, createLogger('silent'));
  return {
    url: platform.url,
    workerPids: () => platform.pool.pids,
    close: platform.close,
    counters: () => ({ ...live, ...peak, rooms: platform.rooms.size, ...handles() }),
  };
});
