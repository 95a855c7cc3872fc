import { z } from 'zod';
import { idSchema, isoInstantSchema } from './common.js';

/** `GET /api/appointments/:id/host` (the guest): where the meeting's host is (see the server's `domain/handoff.ts`). */
export const hostStatusSchema = z.object({
  state: z.enum(['host-here', 'waiting', 'alerted', 'coming', 'nobody-free']),
  /** The appointment's staff member: the booked one, or whoever took the meeting over. */
  host: z.object({ name: z.string() }),
  boothId: idSchema,
  boothName: z.string(),
  start: isoInstantSchema,
  end: isoInstantSchema,
});
export type HostStatus = z.infer<typeof hostStatusSchema>;

/** A guest waiting in a meeting whose host has not come: what the booth's other staff see. */
export const handoffSchema = z.object({
  appointmentId: idSchema,
  boothId: idSchema,
  boothName: z.string(),
  guestName: z.string(),
  /** The booked host who has not come. */
  hostName: z.string(),
  start: isoInstantSchema,
  end: isoInstantSchema,
});
export type Handoff = z.infer<typeof handoffSchema>;

/** `GET /api/staff/me/handoffs`: meetings at the caller's booths waiting for someone to take them. */
export const handoffsResponseSchema = z.object({ handoffs: z.array(handoffSchema) });
export type HandoffsResponse = z.infer<typeof handoffsResponseSchema>;
