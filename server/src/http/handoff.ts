import { appointmentSchema, assignInterpreterSchema, handoffsResponseSchema, hostStatusSchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { DocumentedRouter } from './apiRegistry.js';
import { param, parse, requireUser, route } from './context.js';

/** Who hosts and who interprets a booked meeting: where the host is, taking a meeting over (no-show hand-off), assigning the interpreter. */
export function handoffRoutes(services: Services): DocumentedRouter {
  const api = new DocumentedRouter();
  const { handoff, booking } = services;

  api.get(
    '/appointments/:id/host',
    {
      summary: "Where the meeting's host is: here, coming, or not come (the guest only; polled while waiting in the room)",
      response: hostStatusSchema,
    },
    route(async (req, res) => void res.json(await handoff.hostStatus(requireUser(res), param(req, 'id')))),
  );
  api.get(
    '/staff/me/handoffs',
    { summary: "Meetings at the caller's booths where a guest waits for a host who has not come (staff)", response: handoffsResponseSchema },
    route(async (_req, res) => void res.json({ handoffs: await handoff.waiting(requireUser(res)) })),
  );
  api.post(
    '/appointments/:id/take',
    {
      summary: 'Take over a meeting whose host has not come (another staff member of the booth; 409 not-waiting, busy or taken)',
      response: appointmentSchema,
    },
    route(async (req, res) => {
      const user = requireUser(res);
      res.json(await booking.view(await handoff.take(user, param(req, 'id')), 'staff'));
    }),
  );
  api.put(
    '/appointments/:id/interpreter',
    {
      summary: "Assign one of the booth's staff as the meeting's interpreter, or nobody (booth staff; the guest must have asked for one)",
      body: assignInterpreterSchema,
      response: appointmentSchema,
    },
    route(async (req, res) => {
      const { staffId } = parse(assignInterpreterSchema, req.body);
      res.json(await services.interpreters.assign(requireUser(res), param(req, 'id'), staffId));
    }),
  );
  return api;
}
