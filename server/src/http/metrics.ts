import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Metrics } from '../observability/Metrics.js';
import { route } from './context.js';

export type MetricsRouteOptions = {
  metrics: Metrics;
  /**
   * A bearer token Prometheus must send (`METRICS_TOKEN`). Unset: only callers on this machine
   * (loopback, after the trusted proxy's X-Forwarded-For) may scrape; everyone else gets 403.
   */
  token: string | undefined;
};

const isLoopback = (ip: string | undefined): boolean => ip !== undefined && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `GET /metrics`: this node's metrics in Prometheus text format. */
export function metricsRoutes(options: MetricsRouteOptions): Router {
  const router = Router();
  router.get(
    '/metrics',
    route(async (req, res) => {
      if (options.token !== undefined) {
        const header = req.get('authorization') ?? '';
        const given = header.startsWith('Bearer ') ? header.slice(7) : '';
        if (!sameToken(given, options.token)) throw new AppError(ErrorCode.Unauthorized, 'metrics need the bearer token (METRICS_TOKEN)');
      } else if (!isLoopback(req.ip)) {
        throw new AppError(ErrorCode.Forbidden, 'metrics are served to this machine only unless METRICS_TOKEN is set');
      }
      res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
    }),
  );
  return router;
}

/**
 * Times every API request by its route pattern (`/api/appointments/:id`, never the id itself;
 * `unmatched` for 404s) and counts bookings created (201) and conflicted (409).
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    if (!req.originalUrl.startsWith('/api/')) {
      next();
      return;
    }
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      // Every API router is mounted on /api without a path of its own (and req.baseUrl is reset once an error leaves it).
      const pattern = req.route ? `/api${String((req.route as { path: unknown }).path)}` : 'unmatched';
      end({ method: req.method, route: pattern, status: String(res.statusCode) });
      if (req.method === 'POST' && pattern === '/api/appointments') {
        if (res.statusCode === 201) metrics.bookings.inc({ result: 'created' });
        else if (res.statusCode === 409) metrics.bookings.inc({ result: 'conflicted' });
      }
    });
    next();
  };
}
