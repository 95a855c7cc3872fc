import { z } from 'zod';
import { idSchema, isoInstantSchema, localDateSchema, zoneSchema } from './common.js';

/** `POST /api/booths/:boothId/waitlist`: wait for a day (in the guest's zone, default their profile's) with no free time. */
export const joinWaitlistSchema = z.strictObject({ date: localDateSchema, timeZone: zoneSchema.optional() });
export type JoinWaitlist = z.input<typeof joinWaitlistSchema>;

export const waitlistEntrySchema = z.object({
  id: idSchema,
  boothId: idSchema,
  boothName: z.string(),
  date: localDateSchema,
  timeZone: z.string(),
  status: z.enum(['waiting', 'offered', 'booked', 'expired', 'left']),
  /** While offered: the freed time, held for this guest until `expiresAt`. */
  offer: z.object({ start: isoInstantSchema, end: isoInstantSchema, expiresAt: isoInstantSchema }).nullable(),
});
export type WaitlistEntry = z.infer<typeof waitlistEntrySchema>;
export const waitlistResponseSchema = z.object({ entries: z.array(waitlistEntrySchema) });
