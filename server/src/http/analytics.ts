import { analyticsQuerySchema, boothAnalyticsSchema, eventAnalyticsSchema, liveNowSchema, type AnalyticsQuery } from '@ca/signaling';
import type { Request, Response } from 'express';
import { boothAnalyticsCsv, eventAnalyticsCsv } from '../services/analyticsCsv.js';
import type { Services } from '../services/index.js';
import { DocumentedRouter } from './apiRegistry.js';
import { param, parse, requireUser, route } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';

/** CSV when asked for by `?format=csv` or an Accept header preferring it. */
function wantsCsv(req: Request, query: AnalyticsQuery): boolean {
  return query.format === 'csv' || (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
}

/** Answers a dashboard as JSON, or as a CSV download named after what it covers. */
function answer<T extends { from: string; to: string }>(
  req: Request,
  res: Response,
  query: AnalyticsQuery,
  a: T,
  csv: { name: string; write: () => string },
) {
  if (wantsCsv(req, query)) res.type('text/csv; charset=utf-8').attachment(`${csv.name}-${a.from}-${a.to}.csv`).send(csv.write());
  else res.json(a);
}

/** Dashboards: a booth's numbers (its staff), an event's and its live view (organizers); the anonymous visit counter. */
export function analyticsRoutes(services: Services, stores?: LimitStores): DocumentedRouter {
  const api = new DocumentedRouter();
  const { analytics, liveNow } = services;

  api.post(
    '/booths/:boothId/visits',
    { summary: "Count one visit of a booth's page (anonymous: no visitor is recorded)", status: 204 },
    rateLimits({ name: 'visits', perIp: 60, windowMs: 60_000, stores }),
    route(async (req, res) => {
      await analytics.recordVisit(param(req, 'boothId'));
      res.status(204).end();
    }),
  );
  api.get(
    '/booths/:boothId/analytics',
    {
      summary: "A booth's dashboard (its staff only): visits, walk-ins, meetings, no-shows, leads, busiest hours, quality; `format=csv` for the days",
      query: analyticsQuerySchema,
      response: boothAnalyticsSchema,
      alsoProduces: 'text/csv',
    },
    route(async (req, res) => {
      const user = requireUser(res);
      const query = parse(analyticsQuerySchema, req.query);
      const boothId = param(req, 'boothId');
      const a = await analytics.booth(user, boothId, query);
      answer(req, res, query, a, { name: `booth-${boothId}`, write: () => boothAnalyticsCsv(a, user.language) });
    }),
  );
  api.get(
    '/events/:eventId/analytics',
    {
      summary: "An event's dashboard (organizers): totals, per booth, hall and day, guests by country and language; `format=csv` for the booths",
      query: analyticsQuerySchema,
      response: eventAnalyticsSchema,
      alsoProduces: 'text/csv',
    },
    route(async (req, res) => {
      const user = requireUser(res);
      const query = parse(analyticsQuerySchema, req.query);
      const eventId = param(req, 'eventId');
      const a = await analytics.event(user, eventId, query);
      answer(req, res, query, a, { name: `event-${eventId}`, write: () => eventAnalyticsCsv(a, user.language) });
    }),
  );
  api.get(
    '/events/:eventId/live',
    { summary: 'What is happening at the event now (organizers): open rooms, people in meetings and at stages, per hall', response: liveNowSchema },
    route(async (req, res) => void res.json(await liveNow.forEvent(requireUser(res), param(req, 'eventId')))),
  );
  return api;
}
