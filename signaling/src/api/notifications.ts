import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.js';

export const notificationSchema = z.object({
  id: idSchema,
  /** 'reminder-24h' | 'reminder-10m' */
  kind: z.string(),
  appointmentId: idSchema.nullable(),
  message: z.string(),
  createdAt: isoInstantSchema,
  read: z.boolean(),
});
export type Notification = z.infer<typeof notificationSchema>;
/** `GET /api/notifications`: the newest notifications and how many of all are unread. */
export const notificationsResponseSchema = z.object({ notifications: z.array(notificationSchema), unread: z.number().int().nonnegative() });
export type NotificationsResponse = z.infer<typeof notificationsResponseSchema>;
/** `POST /api/notifications/read-all`: how many were marked read. */
export const notificationsReadAllResponseSchema = z.object({ marked: z.number().int().nonnegative() });

/** `GET /api/staff/me`: the booths the signed-in staff member works at. */
export const staffSelfSchema = z.object({ id: idSchema, boothId: idSchema, title: z.string(), timeZone: z.string() });
export type StaffSelf = z.infer<typeof staffSelfSchema>;
export const staffSelfResponseSchema = z.object({ staff: z.array(staffSelfSchema) });
