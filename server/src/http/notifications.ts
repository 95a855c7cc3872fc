import { Router } from 'express';
import type { Notification, StaffSelf } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { iso } from '../services/clock.js';
import { param, requireUser, route } from './context.js';

/** In-app notifications (appointment reminders) of the signed-in user. */
export function notificationRoutes(services: Services): Router {
  const router = Router();
  const { store, clock } = services;
  router.get(
    '/notifications',
    route(async (_req, res) => {
      const user = requireUser(res);
      const rows = await store.notifications.forUser(user.id);
      res.json({
        notifications: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          appointmentId: r.appointment_id,
          message: r.message,
          createdAt: r.created_at,
          read: r.read_at !== null,
        }) satisfies Notification),
      });
    }),
  );
  router.post(
    '/notifications/:id/read',
    route(async (req, res) => {
      const user = requireUser(res);
      await store.notifications.markRead(user.id, param(req, 'id'), iso(clock.now()));
      res.status(204).end();
    }),
  );
  router.get(
    '/staff/me',
    route(async (_req, res) => {
      const user = requireUser(res, 'staff');
      const rows = await store.expo.staffByUser(user.id);
      const staff: StaffSelf[] = rows.map((s) => ({ id: s.id, boothId: s.booth_id, title: s.title, timeZone: s.time_zone }));
      res.json({ staff });
    }),
  );
  return router;
}
