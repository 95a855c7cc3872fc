import { z } from 'zod';
import { dstWarningSchema, idSchema, isoInstantSchema, languageSchema, localTimeSchema, zoneSchema } from './common.js';

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
  /** The guest needs an interpreter into this language (the booth assigns one). */
  interpreterLanguage: languageSchema.optional(),
});
export type CreateAppointment = z.input<typeof createAppointmentSchema>;

/** Who did not come to a meeting: the guest, the staff side, or both. */
export const missingPartySchema = z.enum(['guest', 'staff', 'both']);
export type MissingParty = z.infer<typeof missingPartySchema>;

export const updateAppointmentSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('confirm') }),
  z.strictObject({ action: z.literal('decline'), reason: z.string().max(500).optional() }),
  z.strictObject({ action: z.literal('cancel'), reason: z.string().max(500).optional() }),
  z.strictObject({ action: z.literal('reschedule'), start: isoInstantSchema }),
  z.strictObject({ action: z.literal('complete') }),
  z.strictObject({ action: z.literal('no_show'), missing: missingPartySchema.optional() }),
  /** Staff correct an outcome already decided (by attendance or by hand). */
  z.strictObject({
    action: z.literal('set_outcome'),
    outcome: z.enum(['completed', 'no_show']),
    /** Who did not come (no_show only); default guest. */
    missing: missingPartySchema.optional(),
  }),
]);
export type UpdateAppointment = z.input<typeof updateAppointmentSchema>;

/** One side's presence in the meeting, from the media server (not from what anyone clicked). */
export const presenceSchema = z.object({
  joinedAt: isoInstantSchema,
  /** Null while they are in the meeting. */
  leftAt: isoInstantSchema.nullable(),
  /** Seconds present, summed over reconnects (a dropped connection's grace period not counted). */
  seconds: z.number().int().min(0),
  /** Median of the browser's reports while in the meeting; null without reports. */
  quality: z
    .object({
      samples: z.number().int(),
      rttMs: z.number().nullable(),
      lossPct: z.number().nullable(),
      bitrateKbps: z.number().nullable(),
    })
    .nullable(),
});
export type Presence = z.infer<typeof presenceSchema>;

export const attendanceSchema = z.object({ guest: presenceSchema.nullable(), staff: presenceSchema.nullable() });
export type Attendance = z.infer<typeof attendanceSchema>;

/** How the meeting went: set from attendance (`decidedBy: attendance`), or corrected by staff. */
export const outcomeSchema = z.object({
  status: z.enum(['completed', 'no_show']),
  missing: missingPartySchema.nullable(),
  decidedBy: z.enum(['attendance', 'staff']),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** One protocol's result in the pre-join connection test. */
export const probeResultSchema = z.enum(['ok', 'blocked', 'error']);

/** `POST /api/appointments/:id/connection-test`: what the guest's browser measured before the meeting. */
export const connectionTestRequestSchema = z.strictObject({ udp: probeResultSchema, tcp: probeResultSchema });
export type ConnectionTestRequest = z.infer<typeof connectionTestRequestSchema>;

export const connectionTestSchema = connectionTestRequestSchema.extend({ testedAt: isoInstantSchema });
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

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
  /** Completed or no-show, with who was missing; null while undecided. */
  outcome: outcomeSchema.nullable(),
  /** The guest's last pre-join connection test (so staff know who may struggle); null until one ran. */
  connectionTest: connectionTestSchema.nullable(),
  /** Who was in the meeting and for how long: only in `GET /api/appointments/:id`. */
  attendance: attendanceSchema.optional(),
  /** The guest asked for an interpreter into `language`; `interpreter` is whom the booth assigned (null: not yet). */
  interpretation: z
    .object({ language: z.string(), interpreter: z.object({ staffId: idSchema, userId: idSchema, name: z.string() }).nullable() })
    .nullable(),
});

/** `PUT /api/appointments/:id/interpreter`: assign one of the booth's staff as the meeting's interpreter, or nobody (null). */
export const assignInterpreterSchema = z.strictObject({ staffId: idSchema.nullable() });
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
