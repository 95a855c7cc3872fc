import { z } from 'zod';
import type { Rooms } from '../media/Rooms.js';
import type { WorkerPool } from '../media/WorkerPool.js';
import { DocumentedRouter } from './apiRegistry.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  workers: z.number().int(),
  rooms: z.number().int(),
  uptimeSeconds: z.number().int(),
});
const readySchema = z.object({ status: z.enum(['ready', 'degraded', 'draining']) });

/**
 * `GET /api/health` (alive): 200 with `status: "ok"` while at least one media worker runs, else 503.
 * `GET /api/ready` (accepting): 200 while new meetings are accepted; 503 while draining for shutdown,
 * so a load balancer sends new people elsewhere while current meetings finish here.
 */
export function healthRoutes(deps: { pool: WorkerPool; rooms: Rooms }): DocumentedRouter {
  const api = new DocumentedRouter();
  api.get('/health', { summary: 'Alive: 200 while a media worker runs, else 503', response: healthSchema }, (_req, res) => {
    const workers = deps.pool.size;
    const ok = workers > 0 && !deps.pool.closed;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      workers,
      rooms: deps.rooms.size,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
  api.get('/ready', { summary: 'Accepting new meetings: 200, or 503 while the server drains', response: readySchema }, (_req, res) => {
    const ready = deps.rooms.accepting && deps.pool.size > 0 && !deps.pool.closed;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : deps.rooms.accepting ? 'degraded' : 'draining' });
  });
  return api;
}
