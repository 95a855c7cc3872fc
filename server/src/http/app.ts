import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logger.js';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';
import { apiNotFound, errorHandler } from './errorHandler.js';
import { healthRoutes } from './health.js';
import { staticClient } from './staticClient.js';

export type HttpAppOptions = {
  pool: WorkerPool;
  rooms: Rooms;
  log: Logger;
  clientDist: string;
};

/** The Express app: security headers, JSON API under /api, the static client for everything else. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Plain-HTTP deployments on a LAN must keep working; TLS is the proxy's job.
          upgradeInsecureRequests: null,
          connectSrc: ["'self'"],
          mediaSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  const api = express.Router();
  api.use(express.json({ limit: '32kb', strict: true }));
  api.use(healthRoutes(options));
  api.use(apiNotFound);
  app.use('/api', api);
  app.use(staticClient(options.clientDist));
  app.use(errorHandler(options.log));
  return app;
}
