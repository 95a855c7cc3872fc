import { z } from 'zod';
import { countrySchema, idSchema, isoInstantSchema } from './common.js';

/** What a guest may share with a booth: each field only if they choose to. */
export const contactCardSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).optional(),
  company: z.string().trim().min(1).max(120).optional(),
  jobTitle: z.string().trim().min(1).max(120).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{5,32}$/, 'a phone number')
    .optional(),
  country: countrySchema.optional(),
});
export type ContactCard = z.infer<typeof contactCardSchema>;

/** A card as the server answers it (checked on the way in by `contactCardSchema`). */
const cardViewSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  company: z.string().optional(),
  jobTitle: z.string().optional(),
  phone: z.string().optional(),
  country: z.string().optional(),
});

/** `PUT /api/appointments/:id/contact-card`: the guest's explicit consent to share these fields with the booth. */
export const shareCardRequestSchema = z.strictObject({ card: contactCardSchema, consent: z.literal(true) });

export const leadRatingSchema = z.enum(['hot', 'warm', 'cold']);
export type LeadRating = z.infer<typeof leadRatingSchema>;

/** A booth's own qualification questions (its staff define them). */
export const boothQuestionsSchema = z.strictObject({
  questions: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,32}$/), text: z.string().trim().min(1).max(200) })).max(10),
});
export type BoothQuestions = z.infer<typeof boothQuestionsSchema>;

/** `PUT /api/booths/:boothId/leads/:appointmentId`: the staff's notes on a lead (all fields replace). */
export const leadNotesSchema = z.strictObject({
  rating: leadRatingSchema.nullable(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  note: z.string().max(4000),
  answers: z.record(z.string().regex(/^[a-z0-9-]{1,32}$/), z.string().max(1000)),
});
export type LeadNotes = z.infer<typeof leadNotesSchema>;

/** One lead of a booth: the appointment, the card only while the guest's consent stands, the staff's notes. */
export const leadSchema = z.object({
  appointmentId: idSchema,
  start: isoInstantSchema,
  status: z.string(),
  /** The guest's card as shared; null without consent (or after it was withdrawn): no name, no e-mail. */
  card: cardViewSchema.nullable(),
  consentedAt: isoInstantSchema.nullable(),
  revokedAt: isoInstantSchema.nullable(),
  rating: leadRatingSchema.nullable(),
  tags: z.array(z.string()),
  note: z.string(),
  answers: z.record(z.string(), z.string()),
});
export type Lead = z.infer<typeof leadSchema>;
export const leadsResponseSchema = z.object({ leads: z.array(leadSchema), questions: boothQuestionsSchema.shape.questions });
export type LeadsResponse = z.infer<typeof leadsResponseSchema>;

/** The guest's view of what they shared for an appointment. */
export const sharedCardSchema = z.object({
  card: cardViewSchema.nullable(),
  consentedAt: isoInstantSchema.nullable(),
  revokedAt: isoInstantSchema.nullable(),
});
export type SharedCard = z.infer<typeof sharedCardSchema>;
