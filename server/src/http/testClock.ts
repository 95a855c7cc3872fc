import { Router } from 'express';
import { z } from 'zod';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { WorkerPool } from '../media/WorkerPool.js';
import { AdjustableClock } from '../services/clock.js';
import type { Services } from '../services/index.js';
import { parse, route } from './context.js';

/**
 * Test-only routes, mounted only with ALLOW_TEST_CLOCK=true (never in production):
 * POST /api/test/clock { now } moves the server's clock, so an end-to-end test can be
 * "at the time of the appointment" (the reminder and request-expiry scans run at once); GET /api/test/media-workers lists the worker pids,
 * so a failure test can kill one.
 */
export function testClockRoutes(services: Services, pool: WorkerPool): Router {
  const router = Router();
  router.post(
    '/test/clock',
    route(async (req, res) => {
      const { now } = parse(z.strictObject({ now: z.iso.datetime({ offset: true }) }), req.body);
      if (!(services.clock instanceof AdjustableClock)) throw new AppError(ErrorCode.Forbidden, 'the clock is fixed');
      services.clock.set(Date.parse(now));
      await services.reminders.runOnce();
      await services.requestExpiry.runOnce();
      res.json({ now: new Date(services.clock.now()).toISOString() });
    }),
  );
  router.get('/test/media-workers', (_req, res) => void res.json({ pids: pool.pids }));
  return router;
}
