import { z } from 'zod';
import { dstWarningSchema, idSchema, isoInstantSchema, localTimeSchema, zoneSchema } from './common.js';

export const appointmentStatusSchema = z.enum(['requested', 'confirmed', 'completed', 'cancelled', 'no_show', 'declined', 'expired']);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const createAppointmentSchema = z.strictObject({
  boothId: idSchema,
  start: isoInstantSchema,
  /** Minutes; default the booth's shortest meeting length. */
  lengthMinutes: z.number().int().min(5).max(240).optional(),
  /** A chosen staff member; omitted = any available rep. */
  staffId: idSchema.optional(),
  /** The zone the guest sees times in; default their profile's. */
  guestZone: zoneSchema.optional(),
  note: z.string().trim().max(1000).optional(),
});
export type CreateAppointment = z.input<typeof createAppointmentSchema>;

export const updateAppointmentSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('confirm') }),
  z.strictObject({ action: z.literal('decline'), reason: z.string().max(500).optional() }),
  z.strictObject({ action: z.literal('cancel'), reason: z.string().max(500).optional() }),
  z.strictObject({ action: z.literal('reschedule'), start: isoInstantSchema }),
  z.strictObject({ action: z.literal('complete') }),
  z.strictObject({ action: z.literal('no_show') }),
]);
export type UpdateAppointment = z.input<typeof updateAppointmentSchema>;

const partySchema = z.object({ id: idSchema, name: z.string(), timeZone: z.string(), local: localTimeSchema });

export const appointmentSchema = z.object({
  id: idSchema,
  boothId: idSchema,
  boothName: z.string(),
  status: appointmentStatusSchema,
  start: isoInstantSchema,
  end: isoInstantSchema,
  eventZone: z.string(),
  guest: partySchema,
  staff: partySchema,
  anyRep: z.boolean(),
  note: z.string(),
  /** Join opens 10 minutes before the start and closes at the end. */
  joinOpensAt: isoInstantSchema,
  /** What the caller may do now. */
  actions: z.array(z.string()),
  dstWarnings: z.array(dstWarningSchema),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const joinResponseSchema = z.object({
  roomId: z.string(),
  token: z.string(),
  /** Path of the meeting page, e.g. /meet/appt-… */
  url: z.string(),
  expiresAt: isoInstantSchema,
  /**
   * A stage whose media runs on LiveKit (STAGE_MEDIA=livekit): the LiveKit server and a short-lived
   * access token for it. Chat, hands and the lobby still go through our socket with `token`.
   */
  livekit: z.object({ url: z.string(), token: z.string() }).optional(),
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;
