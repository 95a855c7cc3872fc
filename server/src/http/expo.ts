import { z } from 'zod';
import { boothQuerySchema, slotsQuerySchema, boothSchema, compactSlotsResponseSchema, eventSchema, slotsResponseSchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { sendCachedAnswer } from './cachedAnswer.js';
import { currentUser, param, parse, route } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';
import { DocumentedRouter } from './apiRegistry.js';

/** The public catalogue and the bookable slots of a booth (cached per booth, with ETag; see SlotCache). */
export function expoRoutes(services: Services, stores?: LimitStores): DocumentedRouter {
  const api = new DocumentedRouter();
  const { expo, booking } = services;

  api.get(
    '/events',
    { summary: 'Events', response: z.object({ events: z.array(eventSchema) }) },
    route(async (_req, res) => void res.json({ events: await expo.events() })),
  );
  api.get(
    '/events/:eventId',
    { summary: 'One event with its halls', response: eventSchema },
    route(async (req, res) => void res.json(await expo.event(param(req, 'eventId')))),
  );
  api.get(
    '/events/:eventId/booths',
    { summary: 'Booths, filtered', query: boothQuerySchema, response: z.object({ booths: z.array(boothSchema) }) },
    route(async (req, res) => {
      const filter = parse(boothQuerySchema, req.query);
      res.json({ booths: await expo.booths(param(req, 'eventId'), filter) });
    }),
  );
  api.get(
    '/booths/:boothId',
    { summary: 'One booth with its staff', response: boothSchema },
    route(async (req, res) => void res.json(await expo.booth(param(req, 'boothId')))),
  );
  api.get(
    '/booths/:boothId/slots',
    {
      summary:
        'Bookable slots in [from, to); `view=compact` leaves out the local-time strings. Sent with a strong ETag: `If-None-Match` with it answers 304 until the slots change',
      query: slotsQuerySchema,
      response: z.union([slotsResponseSchema, compactSlotsResponseSchema]),
    },
    rateLimits({ name: 'slots', perIp: 120, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const query = parse(slotsQuerySchema, req.query);
      sendCachedAnswer(req, res, await booking.slotsAnswer(param(req, 'boothId'), query, currentUser(res)), booking.slotCache);
    }),
  );
  return api;
}
