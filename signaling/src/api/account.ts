import { z } from 'zod';
import { appointmentSchema } from './appointments.js';

/** `DELETE /api/me`: the password again, and whether contact cards shared with booths stay with them (default: withdrawn). */
export const deleteAccountRequestSchema = z.strictObject({
  password: z.string().min(1).max(200),
  keepContactCards: z.boolean().default(false),
});
export type DeleteAccountRequest = z.input<typeof deleteAccountRequestSchema>;

/** `GET /api/me/export`: everything the platform keeps about the caller. */
export const accountExportSchema = z.object({
  exportedAt: z.string(),
  profile: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    country: z.string(),
    language: z.string(),
    timeZone: z.string(),
    createdAt: z.string(),
  }),
  appointments: z.array(appointmentSchema),
  attendance: z.array(
    z.object({ roomId: z.string(), firstJoinAt: z.string(), lastLeaveAt: z.string().nullable(), seconds: z.number(), quality: z.unknown() }),
  ),
  notifications: z.array(z.object({ id: z.string(), kind: z.string(), createdAt: z.string(), readAt: z.string().nullable() })),
  contactCards: z.array(z.object({ appointmentId: z.string(), card: z.unknown(), consentedAt: z.string(), revokedAt: z.string().nullable() })),
  /** The booth days waited for (any still standing). */
  waitlist: z.array(z.object({ boothId: z.string(), date: z.string(), timeZone: z.string(), status: z.string(), createdAt: z.string() })),
});
