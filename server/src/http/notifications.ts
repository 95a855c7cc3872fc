import { ErrorCode, notificationsReadAllResponseSchema, notificationsResponseSchema, staffSelfResponseSchema } from '@ca/signaling';
import type { Notification, StaffSelf } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { AppError } from '../errors.js';
import { iso } from '../services/clock.js';
import { param, requireUser, route } from './context.js';
import { DocumentedRouter } from './apiRegistry.js';

/** In-app notifications (appointment reminders) of the signed-in user. */
export function notificationRoutes(services: Services): DocumentedRouter {
  const api = new DocumentedRouter();
  const { store, clock } = services;
  api.get(
    '/notifications',
    { summary: 'My in-app notifications (reminders)', response: notificationsResponseSchema },
    route(async (_req, res) => {
      const user = requireUser(res);
      const [rows, unread] = await Promise.all([store.notifications.forUser(user.id), store.notifications.unreadCount(user.id)]);
      res.json({
        unread,
        notifications: rows.map(
          (r) =>
            ({
              id: r.id,
              kind: r.kind,
              appointmentId: r.appointment_id,
              message: r.message,
              createdAt: r.created_at,
              read: r.read_at !== null,
            }) satisfies Notification,
        ),
      });
    }),
  );
  api.post(
    '/notifications/:id/read',
    { summary: 'Mark a notification read', status: 204 },
    route(async (req, res) => {
      const user = requireUser(res);
      // Someone else's id reads as missing (404), so ids of other users cannot be probed.
      if (!(await store.notifications.markRead(user.id, param(req, 'id'), iso(clock.now())))) {
        throw new AppError(ErrorCode.NotFound, 'no such notification');
      }
      res.status(204).end();
    }),
  );
  api.post(
    '/notifications/read-all',
    { summary: 'Mark all my notifications read', response: notificationsReadAllResponseSchema },
    route(async (_req, res) => {
      const user = requireUser(res);
      res.json({ marked: await store.notifications.markAllRead(user.id, iso(clock.now())) });
    }),
  );
  api.get(
    '/staff/me',
    { summary: 'The booths I staff (staff)', response: staffSelfResponseSchema },
    route(async (_req, res) => {
      const user = requireUser(res, 'staff');
      const rows = await store.expo.staffByUser(user.id);
      const staff: StaffSelf[] = rows.map((s) => ({ id: s.id, boothId: s.booth_id, title: s.title, timeZone: s.time_zone }));
      res.json({ staff });
    }),
  );
  return api;
}
