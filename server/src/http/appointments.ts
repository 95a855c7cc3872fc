import { z } from 'zod';
import { connectionTestRequestSchema, createAppointmentSchema, updateAppointmentSchema, appointmentSchema, joinResponseSchema } from '@ca/signaling';
import { appointmentIcs } from '../services/ics.js';
import type { Services } from '../services/index.js';
import { param, parse, requireUser, route } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';
import { DocumentedRouter } from './apiRegistry.js';

/** A guest's and a staff member's appointments: book, list, change, calendar file, connection test, join. */
export function appointmentRoutes(services: Services, stores?: LimitStores): DocumentedRouter {
  const api = new DocumentedRouter();
  const { booking, meetings } = services;

  api.post(
    '/appointments',
    { summary: 'Book a slot; 409 when it was just taken', body: createAppointmentSchema, response: appointmentSchema, status: 201 },
    rateLimits({ name: 'book', perIp: 30, perAccount: 10, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const user = requireUser(res);
      const appointment = await booking.book(user, parse(createAppointmentSchema, req.body));
      res.status(201).location(`/api/appointments/${appointment.id}`).json(appointment);
    }),
  );

  api.get(
    '/appointments',
    { summary: 'My appointments (as guest and as staff)', response: z.object({ appointments: z.array(appointmentSchema) }) },
    route(async (_req, res) => void res.json({ appointments: await booking.mine(requireUser(res)) })),
  );

  api.get(
    '/appointments/:id',
    { summary: 'One appointment, with its attendance (who came, when, for how long)', response: appointmentSchema },
    route(async (req, res) => {
      const user = requireUser(res);
      const { row, role } = await booking.forParticipant(user, param(req, 'id'));
      res.json({ ...(await booking.view(row, role)), attendance: await services.attendance.forAppointment(row) });
    }),
  );

  api.patch(
    '/appointments/:id',
    {
      summary: 'Confirm, decline, cancel, reschedule, complete, no-show, correct the outcome (set_outcome)',
      body: updateAppointmentSchema,
      response: appointmentSchema,
    },
    rateLimits({ name: 'appointment-update', perIp: 60, perAccount: 30, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const user = requireUser(res);
      const change = parse(updateAppointmentSchema, req.body);
      const updated = await booking.update(user, param(req, 'id'), change);
      await services.statusNotices.changed(user, updated, change.action);
      // A time called off goes to the first guest on that day's waitlist.
      if (updated.status === 'cancelled' || updated.status === 'declined') {
        await services.waitlist.freed({ booth_id: updated.boothId, staff_id: updated.staff.id, start_at: updated.start, end_at: updated.end });
      }
      res.json(updated);
    }),
  );

  api.get(
    '/appointments/:id/ics',
    { summary: 'Calendar file (text/calendar with TZID and VTIMEZONE)', produces: 'text/calendar' },
    route(async (req, res) => {
      const user = requireUser(res);
      const { row, role } = await booking.forParticipant(user, param(req, 'id'));
      const view = await booking.view(row, role);
      const zone = role === 'guest' ? row.guest_zone : row.staff_zone;
      const ics = appointmentIcs(view, { zone, role, language: user.language, baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}` });
      res.type('text/calendar; charset=utf-8').attachment(`appointment-${row.id}.ics`).send(ics);
    }),
  );

  // The guest's pre-join connection test, kept for the host to see.
  api.post(
    '/appointments/:id/connection-test',
    { summary: "The guest's pre-join connection test, kept for the host", body: connectionTestRequestSchema, response: appointmentSchema },
    rateLimits({ name: 'connection-test', perIp: 30, perAccount: 10, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const user = requireUser(res);
      res.json(await services.connectionTests.record(user, param(req, 'id'), parse(connectionTestRequestSchema, req.body)));
    }),
  );

  api.post(
    '/appointments/:id/join',
    { summary: "A meeting token for the appointment's room", response: joinResponseSchema },
    route(async (req, res) => {
      const user = requireUser(res);
      res.json(await meetings.join(user, param(req, 'id')));
    }),
  );
  return api;
}
