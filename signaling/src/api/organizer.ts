import { z } from 'zod';
import { emailSchema, passwordSchema } from './auth.js';
import { countrySchema, idSchema, isoInstantSchema, languageSchema, localDateSchema, zoneSchema } from './common.js';

export const createEventSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  startsOn: localDateSchema,
  endsOn: localDateSchema,
  timeZone: zoneSchema,
});

export const createHallSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const createBoothSchema = z.strictObject({
  hallId: idSchema,
  organisation: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  languages: z.array(languageSchema).max(20).default([]),
  country: countrySchema,
  logoUrl: z
    .string()
    .max(500)
    .regex(/^\/[^/]|^https:\/\//, 'a same-site path or an https URL')
    .nullable()
    .default(null),
});

export const createStaffSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: emailSchema,
  password: passwordSchema,
  title: z.string().trim().max(100).default(''),
  timeZone: zoneSchema,
  language: languageSchema.default('en'),
  country: countrySchema,
});

/** An organizer account, created by another organizer. */
export const createOrganizerSchema = createStaffSchema.omit({ title: true });

export const talkKindSchema = z.enum(['talk', 'panel', 'keynote']);
export const createTalkSchema = z.strictObject({
  hallId: idSchema,
  title: z.string().trim().min(1).max(200),
  kind: talkKindSchema,
  speakers: z.array(z.string().trim().min(1).max(100)).max(20),
  start: isoInstantSchema,
  end: isoInstantSchema,
  capacity: z.number().int().min(1).max(100_000),
});

export const agendaWarningSchema = z.object({
  /** `stage_overlap`, `speaker_overlap` or `outside_event`; clients word it in the user's language from this and `titles`. */
  kind: z.string(),
  sessionIds: z.array(idSchema),
  /** The titles of the talks named by `sessionIds`, in the same order. */
  titles: z.array(z.string()),
  /** The same in English, for logs and developers; never shown to users. */
  message: z.string(),
});
export type AgendaWarningDto = z.infer<typeof agendaWarningSchema>;

export const talkSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  hallId: idSchema,
  title: z.string(),
  kind: talkKindSchema,
  speakers: z.array(z.string()),
  start: isoInstantSchema,
  end: isoInstantSchema,
  capacity: z.number().int(),
});
export type TalkDto = z.infer<typeof talkSchema>;
export const agendaResponseSchema = z.object({
  sessions: z.array(talkSchema),
  warnings: z.array(agendaWarningSchema),
});
/** A session just added, with the agenda's conflict warnings. */
export const createdTalkResponseSchema = z.object({
  session: talkSchema,
  warnings: z.array(agendaWarningSchema),
});

/** Most interpreters on one stage session (all languages together). */
export const MAX_SESSION_INTERPRETERS = 20;

/** One interpreter of a stage session, as organizers see them. */
export const sessionInterpreterSchema = z.object({
  language: languageSchema,
  name: z.string(),
  email: z.string(),
});
export type SessionInterpreter = z.infer<typeof sessionInterpreterSchema>;

export const sessionInterpretersSchema = z.object({ interpreters: z.array(sessionInterpreterSchema) });
export type SessionInterpreters = z.infer<typeof sessionInterpretersSchema>;

/**
 * Replaces a stage session's interpreters: accounts by e-mail, each with the language they interpret
 * into (several per language may take turns). In the stage they speak into that channel and no other.
 */
export const setSessionInterpretersSchema = z.strictObject({
  interpreters: z.array(z.strictObject({ language: languageSchema, email: emailSchema })).max(MAX_SESSION_INTERPRETERS),
});
export type SetSessionInterpreters = z.infer<typeof setSessionInterpretersSchema>;
