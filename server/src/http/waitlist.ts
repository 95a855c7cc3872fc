import { appointmentSchema, joinWaitlistSchema, waitlistEntrySchema, waitlistResponseSchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { DocumentedRouter } from './apiRegistry.js';
import { param, parse, requireUser, route } from './context.js';

/** The waitlist: wait for a booth day with no free time, see offers, book one, leave. */
export function waitlistRoutes(services: Services): DocumentedRouter {
  const api = new DocumentedRouter();
  const { waitlist } = services;
  api.post(
    '/booths/:boothId/waitlist',
    {
      summary: 'Wait for a day with no free time (guests; 201 new, 200 already waiting; 409 slots-available while the day has free times)',
      body: joinWaitlistSchema,
      response: waitlistEntrySchema,
      status: 201,
    },
    route(async (req, res) => {
      const { entry, created } = await waitlist.join(requireUser(res), param(req, 'boothId'), parse(joinWaitlistSchema, req.body));
      res.status(created ? 201 : 200).json(entry);
    }),
  );
  api.get(
    '/waitlist',
    { summary: 'My waitlist entries, with any standing offer', response: waitlistResponseSchema },
    route(async (_req, res) => void res.json({ entries: await waitlist.mine(requireUser(res)) })),
  );
  api.post(
    '/waitlist/:id/accept',
    { summary: 'Book the time offered to me (409 no-offer when none stands)', response: appointmentSchema, status: 201 },
    route(async (req, res) => void res.status(201).json(await waitlist.accept(requireUser(res), param(req, 'id')))),
  );
  api.delete(
    '/waitlist/:id',
    { summary: 'Leave the waitlist (an offer then goes to the next guest)', status: 204 },
    route(async (req, res) => {
      await waitlist.leave(requireUser(res), param(req, 'id'));
      res.status(204).end();
    }),
  );
  return api;
}
