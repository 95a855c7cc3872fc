import { z } from 'zod';
import {
  countrySchema,
  dstWarningSchema,
  idSchema,
  isoInstantSchema,
  languageSchema,
  localDateSchema,
  localTimeSchema,
  wallTimeSchema,
  zoneSchema,
} from './common.js';

export const hallSchema = z.object({ id: idSchema, name: z.string(), position: z.number().int() });
export type Hall = z.infer<typeof hallSchema>;

export const eventSchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  startsOn: localDateSchema,
  endsOn: localDateSchema,
  timeZone: z.string(),
  halls: z.array(hallSchema),
});
export type ExpoEvent = z.infer<typeof eventSchema>;

export const staffPublicSchema = z.object({
  id: idSchema,
  name: z.string(),
  title: z.string(),
  timeZone: z.string(),
  meetingLengths: z.array(z.number().int()),
});
export type StaffPublic = z.infer<typeof staffPublicSchema>;

export const boothSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  hallId: idSchema,
  organisation: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  languages: z.array(z.string()),
  country: z.string(),
  logoUrl: z.string().nullable(),
  /** Someone of the booth's staff is in a meeting room or online now. */
  live: z.boolean(),
  staff: z.array(staffPublicSchema),
});
export type Booth = z.infer<typeof boothSchema>;

export const boothQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  language: languageSchema.optional(),
  country: countrySchema.optional(),
});

export const slotsQuerySchema = z.strictObject({
  from: isoInstantSchema,
  to: isoInstantSchema,
  /** Meeting length in minutes; default the booth's shortest. */
  length: z.coerce.number().int().min(5).max(240).optional(),
  /** Only this staff member; default any available rep. */
  staffId: idSchema.optional(),
  /** The guest's zone for local times; default the signed-in user's zone, else the event's. */
  zone: zoneSchema.optional(),
  /**
   * `full` (default): each slot with its local-time strings. `compact`: without `guestLocal`
   * and `staffLocal` (half the bytes), with `staffZone`, for a client that formats `start` and
   * `end` itself with Intl in `guestZone` and the staff member's zone (the web client does).
   */
  view: z.enum(['full', 'compact']).optional(),
});

export const slotSchema = z.object({
  start: isoInstantSchema,
  end: isoInstantSchema,
  staffIds: z.array(idSchema),
  guestLocal: localTimeSchema,
  /** The first free staff member's local time (the one who would be booked by "any available rep"). */
  staffLocal: localTimeSchema,
  nightForGuest: z.boolean(),
  nightForStaff: z.boolean(),
  preferred: z.boolean(),
  dstWarnings: z.array(dstWarningSchema),
  /** Seats left in this meeting (1 for a free one-to-one slot; fewer in a group meeting others booked). */
  seatsLeft: z.number().int(),
});
export type Slot = z.infer<typeof slotSchema>;
export const slotsResponseSchema = z.object({
  slots: z.array(slotSchema),
  guestZone: z.string(),
  meetingMinutes: z.number().int(),
});
export type SlotsResponse = z.infer<typeof slotsResponseSchema>;
/** A slot of `view=compact`: no local-time strings. */
export const compactSlotSchema = slotSchema.omit({ guestLocal: true, staffLocal: true }).extend({
  /** The zone of the first free staff member (the one "any available rep" books). */
  staffZone: z.string(),
});
export type CompactSlot = z.infer<typeof compactSlotSchema>;
export const compactSlotsResponseSchema = slotsResponseSchema.extend({ slots: z.array(compactSlotSchema) });
export type CompactSlotsResponse = z.infer<typeof compactSlotsResponseSchema>;

export const localRangeSchema = z.strictObject({ start: wallTimeSchema, end: wallTimeSchema });
export const availabilitySchema = z.strictObject({
  timeZone: zoneSchema,
  weekly: z.array(localRangeSchema.extend({ weekday: z.number().int().min(1).max(7) })).max(70),
  exceptions: z.array(z.strictObject({ date: localDateSchema, ranges: z.array(localRangeSchema).max(10) })).max(366),
  bufferMinutes: z.number().int().min(0).max(120),
  meetingLengths: z.array(z.number().int().min(5).max(240)).min(1).max(6),
  /** Most guests in one meeting: 1 = one-to-one, up to 10 for a small group. */
  groupSize: z.number().int().min(1).max(10).default(1),
});
export type AvailabilityDto = z.infer<typeof availabilitySchema>;
