import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { ErrorCode } from '@ca/signaling';
import { Cluster } from './cluster/Cluster.js';
import type { Config } from './config.js';
import { WebhookReceiver } from 'livekit-server-sdk';
import type { Express } from 'express';
import { createHttpApp } from './http/app.js';
import { apiUrlOf, LiveKitStages } from './livekit/LiveKitStages.js';
import { StageAttendance } from './livekit/StageAttendance.js';
import type { Logger } from './logger.js';
import type { AttendancePort } from './domain/index.js';
import { feedAttendance } from './media/attendanceFeed.js';
import { ConnectionProbes } from './media/ConnectionProbes.js';
import { pipeListenOf } from './media/NodePipe.js';
import { Rooms } from './media/Rooms.js';
import { RecordingAccess } from './recording/access.js';
import { RecordingService } from './recording/RecordingService.js';
import { trustFunction } from './security/clientAddress.js';
import { sessionCookieOf } from './http/context.js';
import { WorkerPool } from './media/WorkerPool.js';
import { createGateway } from './realtime/gateway.js';
import { memoryLimits } from './realtime/limits.js';
import { Metrics } from './observability/Metrics.js';
import { LocalPresence } from './realtime/presence.js';
import type { TypedServer } from './realtime/types.js';
import { AdjustableClock, systemClock } from './services/clock.js';
import { createServices, type Services } from './services/index.js';
import { seedDemo } from './services/seed.js';
import { createStore, describeDatabase, migrate, openDatabase } from './store/index.js';

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
  /** Server-side recordings (start/stop, consent, composition, retention). */
  recordings: RecordingService;
  /** Stages on LiveKit (STAGE_MEDIA=livekit): host controls mirrored there, and live counts from its webhooks. */
  liveKit: { stages: LiveKitStages; attendance: StageAttendance } | undefined;
  /**
   * Graceful shutdown: stops accepting joins (`/api/ready` turns 503, `/api/health`
   * stays 200), tells participants, waits until the rooms empty or `timeoutMs`
   * passes, then closes.
   */
  drain: (timeoutMs?: number) => Promise<void>;
  /** Stops accepting, tells participants, closes rooms, sockets and workers. */
  close: () => Promise<void>;
};

/** Starts the whole platform (media workers, HTTP API, signaling) on one port. */
export async function startPlatform(config: Config, log: Logger): Promise<Platform> {
  const onIdleError = (err: Error) => log.warn({ err }, 'database connection lost; the pool replaces it');
  const store = createStore(openDatabase(config.database, { onIdleError }));
  const applied = await migrate(store.db).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  log.info({ database: describeDatabase(config.database), applied }, 'database ready');
  // With REDIS_URL, several nodes share rooms, presence and limits through Redis; without, all stays in process.
  const cluster = config.cluster ? await Cluster.connect({ ...config.cluster, log: log.child({ mod: 'cluster' }) }) : undefined;
  const presence = cluster?.presence ?? new LocalPresence();
  const clock = config.allowTestClock ? new AdjustableClock() : systemClock;
  const lk = config.stageMedia;
  // LiveKit stages' joins and leaves go to the attendance records our rooms feed (set once the services exist; webhooks come later).
  const records: { port?: AttendancePort } = {};
  const liveKit = lk && {
    stages: new LiveKitStages({ config: lk, log: log.child({ mod: 'livekit' }), now: () => clock.now() }),
    attendance: new StageAttendance({
      presence,
      now: () => clock.now(),
      attendance: {
        joined: (event) => records.port?.joined({ ...event, role: 'participant' }),
        left: (event) => records.port?.left(event),
      },
    }),
  };
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
    appUrl: config.appUrl,
    stageMedia: liveKit?.stages,
  });
  if (config.demoMode) await seedDemo({ store, clock, log: log.child({ mod: 'seed' }) });
  services.reminders.start();
  services.outcomes.start();
  services.requestExpiry.start();
  services.mailer?.start();
  const listenInfo = {
    ip: config.media.listenIp,
    announcedAddress: config.media.announcedAddress,
    portRange: config.media.portRange,
  };
  const serverPort = config.media.webRtcServer?.port;
  const serverListen = { ...listenInfo, ...(serverPort === undefined ? {} : { port: serverPort }) };
  const pool = await WorkerPool.create({
    size: config.media.workers,
    log: log.child({ mod: 'media:pool' }),
    ...(config.media.webRtcServer
      ? {
          webRtcServer: [
            { protocol: 'udp' as const, ...serverListen },
            { protocol: 'tcp' as const, ...serverListen },
          ],
        }
      : {}),
  });
  const transportSettings = {
    listenInfos: [
      { protocol: 'udp' as const, ...listenInfo },
      { protocol: 'tcp' as const, ...listenInfo },
    ],
    initialAvailableOutgoingBitrate: 1_000_000,
    maxIncomingBitrate: 5_000_000,
  };
  const rooms = new Rooms({
    pool,
    log: log.child({ mod: 'media:rooms' }),
    now: () => clock.now(),
    maxPeersPerRoom: config.media.maxPeersPerRoom,
    transportSettings,
    // A stage full on its node is relayed to overflow nodes: their rooms get its media through a node-to-node pipe.
    upstream: cluster && ((roomId, home) => cluster.relayStage(roomId, home, pipeListenOf(transportSettings))),
  });
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
    // Browsers open LiveKit's WebSocket (and, when it fails, its HTTP validation endpoint).
    ...(lk && { mediaOrigins: [new URL(lk.url).origin, new URL(apiUrlOf(lk.url)).origin] }),
    liveKitWebhook: lk &&
      liveKit && {
        receiver: new WebhookReceiver(lk.apiKey, lk.apiSecret),
        onEvent: (event) => {
          liveKit.attendance.apply(event);
          liveKit.stages.reconcile(event);
        },
        log: log.child({ mod: 'livekit:webhook' }),
      },
    ...(cluster && { connectSources: () => cluster.connectSources(), limitStores: (name: string) => cluster.httpLimitStore(name) }),
  });
  const server = http.createServer(app);
  const io = createGateway({
    httpServer: server,
    rooms,
    log: log.child({ mod: 'realtime' }),
    allowedOrigins: config.allowedOrigins,
    trustProxy,
    access: {
      meetingSecret: services.meetingSecret,
      demoMode: config.demoMode,
      now: () => clock.now(),
      turn: config.meetings.turn,
      resumeGraceMs: config.meetings.resumeGraceMs,
      grantStillValid: (claims) => services.meetings.grantStillValid(claims),
      signedInUser: async (cookieHeader) => (await services.auth.fromSessionToken(sessionCookieOf(cookieHeader)))?.id,
    },
    presence,
    ...(cluster
      ? cluster.serve(rooms, {
          requestsPerSecond: config.meetings.socketRequestsPerSecond,
          meetingSecret: services.meetingSecret,
          now: () => clock.now(),
        })
      : { limits: memoryLimits(config.meetings.socketRequestsPerSecond) }),
    probes: new ConnectionProbes(pool, transportSettings),
    attendance: services.attendance,
    observer: {
      answered: (event, code) => {
        metrics.signalingRequests.inc({ event, outcome: code === undefined ? 'ok' : 'error' });
        if (code !== undefined) metrics.signalingErrors.inc({ event, code });
      },
      firstMedia: (seconds) => metrics.joinLatency.observe(seconds),
    },
    ...(liveKit && { stageMedia: liveKit.stages }),
    recordings,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (cluster && config.cluster) {
    const { nodeId, publicUrl } = config.cluster;
    if (!publicUrl) log.warn({ url }, 'PUBLIC_URL is unset: other nodes redirect browsers to this address');
    cluster.start({ id: nodeId ?? `${os.hostname()}-${port}`, url: publicUrl ?? url });
  }
  let closing: Promise<void> | undefined;
  let draining: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      rooms.closeAll({ code: ErrorCode.Unavailable, message: 'the server is restarting; please rejoin' });
      // Running recordings end with their rooms: their track files are finished before the store closes.
      await recordings.close();
      await io.close();
      await cluster?.close();
      pool.close();
      services.reminders.stop();
      services.outcomes.stop();
      services.requestExpiry.stop();
      services.mailer?.stop();
      await services.attendance.settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    })());
  const drain = (timeoutMs = config.meetings.drainTimeoutMs): Promise<void> =>
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
  return {
    url,
    port,
    pool,
    rooms,
    io,
    services,
    app,
    metrics,
    cluster,
    liveKit,
    recordings,
    drain,
    close,
  };
}
