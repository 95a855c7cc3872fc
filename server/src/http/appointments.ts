import { Router } from 'express';
import { connectionTestRequestSchema, createAppointmentSchema, updateAppointmentSchema } from '@ca/signaling';
import { appointmentIcs } from '../services/ics.js';
import type { Services } from '../services/index.js';
import { param, parse, requireUser, route } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';

/** A guest's and a staff member's appointments: book, list, change, calendar file, connection test, join. */
export function appointmentRoutes(services: Services, stores?: LimitStores): Router {
  const router = Router();
  const { booking, meetings } = services;

  router.post(
    '/appointments',
    rateLimits({ name: 'book', perIp: 30, perAccount: 10, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const user = requireUser(res);
      const appointment = await booking.book(user, parse(createAppointmentSchema, req.body));
      res.status(201).location(`/api/appointments/${appointment.id}`).json(appointment);
    }),
  );

  router.get('/appointments', route(async (_req, res) => void res.json({ appointments: await booking.mine(requireUser(res)) })));

  router.get(
    '/appointments/:id',
    route(async (req, res) => {
      const user = requireUser(res);
      const { row, role } = await booking.forParticipant(user, param(req, 'id'));
      res.json({ ...(await booking.view(row, role)), attendance: await services.attendance.forAppointment(row) });
    }),
  );

  router.patch(
    '/appointments/:id',
    rateLimits({ name: 'appointment-update', perIp: 60, perAccount: 30, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const user = requireUser(res);
      res.json(await booking.update(user, param(req, 'id'), parse(updateAppointmentSchema, req.body)));
    }),
  );

  router.get(
    '/appointments/:id/ics',
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
  router.post(
    '/appointments/:id/connection-test',
    rateLimits({ name: 'connection-test', perIp: 30, perAccount: 10, windowMs: 60_000, stores }),
    route(async (req, res) => {
      const user = requireUser(res);
      res.json(await services.connectionTests.record(user, param(req, 'id'), parse(connectionTestRequestSchema, req.body)));
    }),
  );

  router.post(
    '/appointments/:id/join',
    route(async (req, res) => {
      const user = requireUser(res);
      res.json(await meetings.join(user, param(req, 'id')));
    }),
  );
  return router;
}
