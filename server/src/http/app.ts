import { analyticsRoutes } from './analytics.js';
import { handoffRoutes } from './handoff.js';
import { waitlistRoutes } from './waitlist.js';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/Metrics.js';
import type { TrustFunction } from '../security/clientAddress.js';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';
import type { Services } from '../services/index.js';
import { appointmentRoutes } from './appointments.js';
import { meetingRoutes } from './meetings.js';
import { authRoutes } from './auth.js';
import { credentialRoutes } from './credentials.js';
import { loadUser } from './context.js';
import { requireCsrf } from './csrf.js';
import { apiNotFound, errorHandler } from './errorHandler.js';
import { expoRoutes } from './expo.js';
import { healthRoutes } from './health.js';
import { httpMetrics, metricsRoutes } from './metrics.js';
import { liveKitWebhookRoutes, type LiveKitWebhookOptions } from './livekitWebhook.js';
import { notificationRoutes } from './notifications.js';
import { accountRoutes } from './account.js';
import { leadRoutes } from './leads.js';
import { openApiRoutes } from './openapi.js';
import { ApiRegistry, type DocumentedRouter } from './apiRegistry.js';
import { organizerRoutes } from './organizer.js';
import type { LimitStores } from './rateLimits.js';
import { staticClient } from './staticClient.js';
import { testClockRoutes } from './testClock.js';
import { recordingRoutes } from './recordings.js';
import type { RecordingAccess } from '../recording/access.js';

export type HttpAppOptions = {
  pool: WorkerPool;
  rooms: Rooms;
  services: Services;
  log: Logger;
  clientDist: string;
  /** Mounts POST /api/test/clock (tests only). */
  allowTestClock: boolean;
  /** Origins besides our own that pages may connect to (the other nodes of a cluster). Default none. */
  connectSources?: () => readonly string[];
  /** Where the API's rate limits count (a cluster's Redis). Default in memory, per node. */
  limitStores?: LimitStores;
  /** This node's metrics: `GET /metrics` and the API's request timings. */
  metrics: Metrics;
  /** Bearer token `GET /metrics` needs; unset: loopback callers only. */
  metricsToken: string | undefined;
  /** Media servers besides ours that pages connect to (a LiveKit stage's ws:// and http:// origins). Default none. */
  mediaOrigins?: readonly string[];
  /** Which peers' X-Forwarded-For names the client (`req.ip`, rate limits). Default: nobody's. */
  trustProxy?: TrustFunction;
  /** Mounts POST /api/livekit/webhook (stages on LiveKit). Default: not mounted. */
  liveKitWebhook?: LiveKitWebhookOptions | undefined;
  /** Meeting recordings' listing and download. Default: not mounted. */
  recordings?: RecordingAccess | undefined;
};

/** Responses smaller than this are sent as they are: compressing them saves less than it costs. */
const API_COMPRESSION_THRESHOLD = 1024;

/** The JSON API as mounted: its documented routes and the router that serves them. */
export type ApiMount = { registry: ApiRegistry; router: express.Router };

/** What `createHttpApp` mounted under /api (tests compare the document with what is served). */
export function apiMountOf(app: Express): ApiMount {
  return app.locals.api as ApiMount;
}

/** The Express app: security headers, JSON API under /api, the static client for everything else. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? (() => false));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Plain-HTTP deployments on a LAN must keep working; TLS is the proxy's job.
          upgradeInsecureRequests: null,
          // A meeting held by another node of a cluster moves the page's socket there.
          connectSrc: [
            "'self'",
            ...(options.mediaOrigins ?? []),
            ...(options.connectSources ? [() => options.connectSources?.().join(' ') ?? ''] : []),
          ],
          mediaSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.use(httpMetrics(options.metrics));
  app.use(metricsRoutes({ metrics: options.metrics, token: options.metricsToken }));
  const api = express.Router();
  const registry = new ApiRegistry();
  const mount = (routes: DocumentedRouter) => registry.mount(api, '/api', routes);
  // Before the JSON parser: the webhook's signature covers its raw body (and LiveKit signs it, not a cookie).
  if (options.liveKitWebhook) mount(liveKitWebhookRoutes(options.liveKitWebhook));
  // JSON over 1 KiB goes out as Brotli or gzip when the client accepts it (a week of slots: 75 KiB → ~6 KiB).
  api.use(compression({ threshold: API_COMPRESSION_THRESHOLD }));
  api.use(express.json({ limit: '32kb', strict: true }));
  api.use(cookieParser());
  mount(healthRoutes(options));
  mount(openApiRoutes(registry));
  api.use(loadUser(options.services.auth));
  api.use(requireCsrf);
  if (options.allowTestClock) api.use(testClockRoutes(options.services, options.pool));
  mount(authRoutes(options.services, options.limitStores));
  mount(credentialRoutes(options.services, options.limitStores));
  mount(expoRoutes(options.services, options.limitStores));
  mount(appointmentRoutes(options.services, options.limitStores));
  mount(meetingRoutes(options.services));
  mount(organizerRoutes(options.services));
  mount(notificationRoutes(options.services));
  mount(leadRoutes(options.services));
  mount(analyticsRoutes(options.services, options.limitStores));
  mount(handoffRoutes(options.services));
  mount(waitlistRoutes(options.services));
  mount(accountRoutes(options.services, options.limitStores));
  if (options.recordings) mount(recordingRoutes(options.recordings));
  api.use(apiNotFound);
  app.use('/api', api);
  app.locals.api = { registry, router: api } satisfies ApiMount;
  app.use(staticClient(options.clientDist));
  app.use(errorHandler(options.log));
  return app;
}
