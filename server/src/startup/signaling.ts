import type http from 'node:http';
import type { RecordingService } from '../recording/RecordingService.js';
import type { Cluster } from '../cluster/Cluster.js';
import type { Config } from '../config.js';
import { sessionCookieOf } from '../http/context.js';
import type { Logger } from '../logger.js';
import { ConnectionProbes } from '../media/ConnectionProbes.js';
import type { TransportSettings } from '../media/Peer.js';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';
import type { Metrics } from '../observability/Metrics.js';
import { createGateway } from '../realtime/gateway.js';
import { memoryLimits } from '../realtime/limits.js';
import type { PresenceTracker } from '../realtime/presence.js';
import type { StageMediaControls, TypedServer } from '../realtime/types.js';
import type { TrustFunction } from '../security/clientAddress.js';
import type { Clock } from '../services/clock.js';
import type { Services } from '../services/index.js';

/**
 * The Socket.io side on the HTTP server: who may join (meeting tokens, grants still valid, the
 * browser's signed-in account), limits (in Redis on a cluster), connection tests, attendance and
 * the metrics of every request.
 */
export function startSignaling(options: {
  server: http.Server;
  config: Config;
  log: Logger;
  clock: Clock;
  services: Services;
  rooms: Rooms;
  pool: WorkerPool;
  transportSettings: TransportSettings;
  presence: PresenceTracker;
  metrics: Metrics;
  trustProxy: TrustFunction;
  cluster: Cluster | undefined;
  stageMedia: StageMediaControls | undefined;
  /** Server-side recording (start/stop requests, consent). Default: none (UNAVAILABLE). */
  recordings?: RecordingService;
}): TypedServer {
  const { config, services, clock, cluster, metrics, rooms } = options;
  const { meetings } = config;
  return createGateway({
    httpServer: options.server,
    rooms,
    log: options.log.child({ mod: 'realtime' }),
    allowedOrigins: config.allowedOrigins,
    trustProxy: options.trustProxy,
    access: {
      meetingSecret: services.meetingSecret,
      demoMode: config.demoMode,
      now: () => clock.now(),
      turn: meetings.turn,
      resumeGraceMs: meetings.resumeGraceMs,
      grantStillValid: (claims) => services.meetings.grantStillValid(claims),
      signedInUser: async (cookieHeader) => (await services.auth.fromSessionToken(sessionCookieOf(cookieHeader)))?.id,
    },
    presence: options.presence,
    ...(cluster
      ? cluster.serve(rooms, { requestsPerSecond: meetings.socketRequestsPerSecond, meetingSecret: services.meetingSecret, now: () => clock.now() })
      : { limits: memoryLimits(meetings.socketRequestsPerSecond) }),
    probes: new ConnectionProbes(options.pool, options.transportSettings),
    attendance: services.attendance,
    walkInMinutes: (boothId) => services.walkInTimes.typicalMinutes(boothId),
    observer: {
      answered: (event, code) => {
        metrics.signalingRequests.inc({ event, outcome: code === undefined ? 'ok' : 'error' });
        if (code !== undefined) metrics.signalingErrors.inc({ event, code });
      },
      firstMedia: (seconds) => metrics.joinLatency.observe(seconds),
      consumerMedia: (seconds) => metrics.joinMedia.observe(seconds),
    },
    ...(options.stageMedia && { stageMedia: options.stageMedia }),
    ...(options.recordings && { recordings: options.recordings }),
  });
}
