import { Router } from 'express';
import {
  availabilitySchema,
  createBoothSchema,
  createEventSchema,
  createHallSchema,
  createOrganizerSchema,
  createSessionSchema,
  createStaffSchema,
} from '@ca/signaling';
import type { Services } from '../services/index.js';
import { param, parse, requireUser, route } from './context.js';

/** Organizer set-up (events, halls, booths, staff, agenda) and staff availability. */
export function organizerRoutes(services: Services): Router {
  const router = Router();
  const { organizer, expo } = services;

  router.post(
    '/events',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const id = await organizer.createEvent(parse(createEventSchema, req.body));
      res.status(201).json(await expo.event(id));
    }),
  );
  router.post(
    '/events/:eventId/halls',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const eventId = param(req, 'eventId');
      await organizer.createHall(eventId, parse(createHallSchema, req.body).name);
      res.status(201).json(await expo.event(eventId));
    }),
  );
  router.post(
    '/events/:eventId/booths',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const id = await organizer.createBooth(param(req, 'eventId'), parse(createBoothSchema, req.body));
      res.status(201).json(await expo.booth(id));
    }),
  );
  router.post(
    '/booths/:boothId/staff',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const boothId = param(req, 'boothId');
      await organizer.createStaff(boothId, parse(createStaffSchema, req.body));
      res.status(201).json(await expo.booth(boothId));
    }),
  );
  router.post(
    '/organizers',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const row = await services.auth.createAccount({ ...parse(createOrganizerSchema, req.body), role: 'organizer' });
      res.status(201).json({ user: await services.auth.toUser(row) });
    }),
  );
  router.get(
    '/events/:eventId/sessions',
    route(async (req, res) => void res.json(await organizer.agenda(param(req, 'eventId')))),
  );
  router.post(
    '/events/:eventId/sessions',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      res.status(201).json(await organizer.createSession(param(req, 'eventId'), parse(createSessionSchema, req.body)));
    }),
  );
  router.delete(
    '/sessions/:sessionId',
    route(async (req, res) => {
      requireUser(res, 'organizer');
      res.json(await organizer.removeSession(param(req, 'sessionId')));
    }),
  );
  router.get(
    '/staff/:staffId/availability',
    route(async (req, res) => {
      const user = requireUser(res, 'staff');
      res.json(await organizer.availability(user.id, param(req, 'staffId')));
    }),
  );
  router.put(
    '/staff/:staffId/availability',
    route(async (req, res) => {
      const user = requireUser(res, 'staff');
      res.json(await organizer.setAvailability(user.id, param(req, 'staffId'), parse(availabilitySchema, req.body)));
    }),
  );
  return router;
}
