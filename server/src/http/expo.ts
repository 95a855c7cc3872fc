import { Router } from 'express';
import { boothQuerySchema, slotsQuerySchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { sendCachedAnswer } from './cachedAnswer.js';
import { currentUser, param, parse, route } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';

/** The public catalogue and the bookable slots of a booth (cached per booth, with ETag; see SlotCache). */
export function expoRoutes(services: Services, stores?: LimitStores): Router {
  const router = Router();
  const { expo, booking } = services;

  router.get('/events', route(async (_req, res) => void res.json({ events: await expo.events() })));
  router.get('/events/:eventId', route(async (req, res) => void res.json(await expo.event(param(req, 'eventId')))));
  router.get(
    '/events/:eventId/booths',
    route(async (req, res) => {
      const filter = parse(boothQuerySchema, req.query);
      res.json({ booths: await expo.booths(param(req, 'eventId'), filter) });
    }),
  );
  router.get('/booths/:boothId', route(async (req, res) => void res.json(await expo.booth(param(req, 'boothId')))));
  router.get(
    '/booths/:boothId/slots',
    rateLimits({ name: 'slots', perIp: 120, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const query = parse(slotsQuerySchema, req.query);
      sendCachedAnswer(req, res, await booking.slotsAnswer(param(req, 'boothId'), query, currentUser(res)), booking.slotCache);
    }),
  );
  return router;
}
