import http from 'node:http';
import os from 'node:os';
import type { Express } from 'express';
import { Cluster } from './cluster/Cluster.js';
import type { Config } from './config.js';
import type { AttendancePort } from './domain/index.js';
import { createHttpApp } from './http/app.js';
import type { LiveKitStages } from './livekit/LiveKitStages.js';
import type { StageAttendance } from './livekit/StageAttendance.js';
import type { Logger } from './logger.js';
import { feedAttendance } from './media/attendanceFeed.js';
import type { Rooms } from './media/Rooms.js';
import type { WorkerPool } from './media/WorkerPool.js';
import { Metrics } from './observability/Metrics.js';
import { RecordingAccess } from './recording/access.js';
import { RecordingService } from './recording/RecordingService.js';
import { LocalPresence } from './realtime/presence.js';
import type { TypedServer } from './realtime/types.js';
import { trustFunction } from './security/clientAddress.js';
import { AdjustableClock, systemClock } from './services/clock.js';
import { createServices, type Services } from './services/index.js';
import { seedDemo } from './services/seed.js';
import { lifecycle, listen, startJobs } from './startup/lifecycle.js';
import { liveKitHttp, liveKitParts } from './startup/liveKit.js';
import { startMedia } from './startup/media.js';
import { startSignaling } from './startup/signaling.js';
import { createStore, describeDatabase, migrate, openDatabase, type Store } from './store/index.js';

export type Platform = {
  /** Base URL the server answers on, e.g. http://127.0.0.1:3000. */
  url: string;
  port: number;
  pool: WorkerPool;
  rooms: Rooms;
  io: TypedServer;
  services: Services;
  /** The HTTP app (Express): its JSON API is under /api. */
  app: Express;
  /** This node's Prometheus metrics (`GET /metrics`). */
  metrics: Metrics;
  /** This node's membership of a cluster (REDIS_URL set); undefined for a single node. */
  cluster: Cluster | undefined;
  /** Stages on LiveKit (STAGE_MEDIA=livekit): host controls mirrored there, and live counts from its webhooks. */
  liveKit: { stages: LiveKitStages; attendance: StageAttendance } | undefined;
  /** Server-side recordings (start/stop, consent, composition, retention). */
  recordings: RecordingService;
  /**
   * Graceful shutdown: stops accepting joins (`/api/ready` turns 503, `/api/health`
   * stays 200), tells participants, waits until the rooms empty or `timeoutMs`
   * passes, then closes.
   */
  drain: (timeoutMs?: number) => Promise<void>;
  /** Stops accepting, tells participants, closes rooms, sockets and workers. */
  close: () => Promise<void>;
};

/** Opens the database and brings its schema up to date (closing it again if that fails). */
async function openStore(config: Config, log: Logger): Promise<Store> {
  const onIdleError = (err: Error) => log.warn({ err }, 'database connection lost; the pool replaces it');
  const store = createStore(openDatabase(config.database, { onIdleError }));
  const applied = await migrate(store.db).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  log.info({ database: describeDatabase(config.database), applied }, 'database ready');
  return store;
}

/** Starts the whole platform (media workers, HTTP API, signaling) on one port. */
export async function startPlatform(config: Config, log: Logger): Promise<Platform> {
  const store = await openStore(config, log);
  // With REDIS_URL, several nodes share rooms, presence and limits through Redis; without, all stays in process.
  const cluster = config.cluster ? await Cluster.connect({ ...config.cluster, log: log.child({ mod: 'cluster' }) }) : undefined;
  const presence = cluster?.presence ?? new LocalPresence();
  const clock = config.allowTestClock ? new AdjustableClock() : systemClock;
  const records: { port?: AttendancePort } = {};
  const liveKit = liveKitParts({ config: config.stageMedia, log, clock, presence, records });
  const services = await createServices({
    store,
    clock,
    presence,
    ...(cluster && { slotBus: cluster.slotBus }),
    log: log.child({ mod: 'services' }),
    meetingSecret: config.meetingTokenSecret,
    smtp: config.smtp,
    noShowAfterMinutes: config.meetings.noShowAfterMinutes,
    booking: config.booking,
    waitlistOfferMinutes: config.waitlistOfferMinutes,
    appUrl: config.appUrl,
    stageMedia: liveKit?.stages,
  });
  if (config.demoMode) await seedDemo({ store, clock, log: log.child({ mod: 'seed' }) });
  startJobs(services);
  const { pool, rooms, transportSettings } = await startMedia({ config: config.media, log, clock, cluster });
  records.port = services.attendance;
  feedAttendance(rooms, services.attendance, () => clock.now());
  const metrics = new Metrics({
    rooms: () => ({ rooms: rooms.size, participants: rooms.all().reduce((n, room) => n + room.peerCount, 0) }),
    workers: () => pool.usage(),
    outboxBacklog: () => store.notifications.unsentCount(),
  });
  const recordings = new RecordingService({
    store,
    dir: config.recordings.dir,
    retentionDays: config.recordings.retentionDays,
    now: () => clock.now(),
    log: log.child({ mod: 'recording' }),
  });
  recordings.startSweeping();
  await recordings.resumePending();
  const trustProxy = trustFunction(config.trustProxy);
  liveKit?.stages.attach(rooms);
  const app = createHttpApp({
    trustProxy,
    pool,
    rooms,
    services,
    log: log.child({ mod: 'http' }),
    clientDist: config.clientDist,
    allowTestClock: config.allowTestClock,
    metrics,
    metricsToken: config.metricsToken,
    recordings: new RecordingAccess(store, services.booking, config.recordings.dir),
    ...liveKitHttp(config.stageMedia, liveKit, log),
    ...(cluster && { connectSources: () => cluster.connectSources(), limitStores: (name: string) => cluster.httpLimitStore(name) }),
  });
  const server = http.createServer(app);
  const stageMedia = liveKit?.stages;
  const io = startSignaling({
    server,
    config,
    log,
    clock,
    services,
    rooms,
    pool,
    transportSettings,
    presence,
    metrics,
    trustProxy,
    cluster,
    stageMedia,
    recordings,
  });
  const { port, url } = await listen(server, config.port, config.host);
  if (cluster && config.cluster) {
    const { nodeId, publicUrl } = config.cluster;
    if (!publicUrl) log.warn({ url }, 'PUBLIC_URL is unset: other nodes redirect browsers to this address');
    cluster.start({ id: nodeId ?? `${os.hostname()}-${port}`, url: publicUrl ?? url });
  }
  const { close, drain } = lifecycle({
    rooms,
    io,
    cluster,
    pool,
    services,
    server,
    store,
    log,
    drainTimeoutMs: config.meetings.drainTimeoutMs,
    recordings,
  });
  return { url, port, pool, rooms, io, services, app, metrics, cluster, liveKit, recordings, drain, close };
}
