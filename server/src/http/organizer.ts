import {
  availabilitySchema,
  createBoothSchema,
  createEventSchema,
  createHallSchema,
  createOrganizerSchema,
  createTalkSchema,
  createStaffSchema,
  agendaResponseSchema,
  createdTalkResponseSchema,
  boothSchema,
  eventSchema,
  sessionInterpretersSchema,
  setSessionInterpretersSchema,
} from '@ca/signaling';
import type { Services } from '../services/index.js';
import { param, parse, requireUser, route } from './context.js';
import { DocumentedRouter } from './apiRegistry.js';

/** Organizer set-up (events, halls, booths, staff, agenda) and staff availability. */
export function organizerRoutes(services: Services): DocumentedRouter {
  const api = new DocumentedRouter();
  const { organizer, expo } = services;

  api.post(
    '/events',
    { summary: 'Create an event (organizer)', body: createEventSchema, response: eventSchema, status: 201 },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const id = await organizer.createEvent(parse(createEventSchema, req.body));
      res.status(201).json(await expo.event(id));
    }),
  );
  api.post(
    '/events/:eventId/halls',
    { summary: 'Add a hall (organizer)', body: createHallSchema, response: eventSchema, status: 201 },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const eventId = param(req, 'eventId');
      await organizer.createHall(eventId, parse(createHallSchema, req.body).name);
      res.status(201).json(await expo.event(eventId));
    }),
  );
  api.post(
    '/events/:eventId/booths',
    { summary: 'Add a booth (organizer)', body: createBoothSchema, response: boothSchema, status: 201 },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const id = await organizer.createBooth(param(req, 'eventId'), parse(createBoothSchema, req.body));
      res.status(201).json(await expo.booth(id));
    }),
  );
  api.post(
    '/booths/:boothId/staff',
    { summary: 'Add a staff member (organizer)', body: createStaffSchema, response: boothSchema, status: 201 },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const boothId = param(req, 'boothId');
      await organizer.createStaff(boothId, parse(createStaffSchema, req.body));
      res.status(201).json(await expo.booth(boothId));
    }),
  );
  api.post(
    '/organizers',
    { summary: 'Create an organizer account (organizer)', body: createOrganizerSchema, status: 201 },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      const row = await services.auth.createAccount({ ...parse(createOrganizerSchema, req.body), role: 'organizer' });
      res.status(201).json({ user: await services.auth.toUser(row) });
    }),
  );
  agendaRoutes(api, services);
  availabilityRoutes(api, services);
  return api;
}

/** The agenda: read it with its conflict warnings; organizers add and remove talks. */
function agendaRoutes(api: DocumentedRouter, { organizer, stageInterpreters }: Services): void {
  api.get(
    '/sessions/:sessionId/interpreters',
    { summary: "A stage session's interpreters by language (organizer)", response: sessionInterpretersSchema },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      res.json(await stageInterpreters.list(param(req, 'sessionId')));
    }),
  );
  api.put(
    '/sessions/:sessionId/interpreters',
    {
      summary: "Replace a stage session's interpreters: accounts by e-mail, each with the language they interpret into (organizer)",
      body: setSessionInterpretersSchema,
      response: sessionInterpretersSchema,
    },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      res.json(await stageInterpreters.set(param(req, 'sessionId'), parse(setSessionInterpretersSchema, req.body)));
    }),
  );
  api.get(
    '/events/:eventId/sessions',
    { summary: 'The agenda with conflict warnings', response: agendaResponseSchema },
    route(async (req, res) => void res.json(await organizer.agenda(param(req, 'eventId')))),
  );
  api.post(
    '/events/:eventId/sessions',
    {
      summary: 'Add a session (organizer); the response lists its conflict warnings',
      body: createTalkSchema,
      response: createdTalkResponseSchema,
      status: 201,
    },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      res.status(201).json(await organizer.createTalk(param(req, 'eventId'), parse(createTalkSchema, req.body)));
    }),
  );
  api.delete(
    '/sessions/:sessionId',
    { summary: 'Remove a session (organizer); answers the agenda with its warnings', response: agendaResponseSchema },
    route(async (req, res) => {
      requireUser(res, 'organizer');
      res.json(await organizer.removeTalk(param(req, 'sessionId')));
    }),
  );
}

/** A staff member's own availability (zone, weekly hours, exceptions, lengths). */
function availabilityRoutes(api: DocumentedRouter, { organizer }: Services): void {
  api.get(
    '/staff/:staffId/availability',
    { summary: "A staff member's availability (that staff member)", response: availabilitySchema },
    route(async (req, res) => {
      const user = requireUser(res, 'staff');
      res.json(await organizer.availability(user.id, param(req, 'staffId')));
    }),
  );
  api.put(
    '/staff/:staffId/availability',
    { summary: 'Replace the availability', body: availabilitySchema, response: availabilitySchema },
    route(async (req, res) => {
      const user = requireUser(res, 'staff');
      res.json(await organizer.setAvailability(user.id, param(req, 'staffId'), parse(availabilitySchema, req.body)));
    }),
  );
}
