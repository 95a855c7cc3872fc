import { Router } from 'express';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';

/**
 * `GET /api/health` (alive): 200 with `status: "ok"` while at least one media worker runs, else 503.
 * `GET /api/ready` (accepting): 200 while new meetings are accepted; 503 while draining for shutdown,
 * so a load balancer sends new people elsewhere while current meetings finish here.
 */
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
  router.get('/ready', (_req, res) => {
    const ready = deps.rooms.accepting && deps.pool.size > 0 && !deps.pool.closed;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : deps.rooms.accepting ? 'degraded' : 'draining' });
  });
  return router;
}
