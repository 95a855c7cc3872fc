import { Router } from 'express';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';

/** `GET /api/health`: 200 with `status: "ok"` while at least one media worker runs, else 503. */
export function healthRoutes(deps: { pool: WorkerPool; rooms: Rooms }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const workers = deps.pool.size;
    const ok = workers > 0 && !deps.pool.closed;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      workers,
      rooms: deps.rooms.size,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
  return router;
}
