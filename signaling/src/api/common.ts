import { z } from 'zod';

/** An instant on the wire: ISO-8601 with Z or an explicit offset. Responses always use UTC ("…Z"). */
export const isoInstantSchema = z.iso.datetime({ offset: true });

/** An IANA zone name; the server checks it against the zone database. */
export const zoneSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/, 'IANA time zone');

/** A local calendar date "YYYY-MM-DD" (its zone is given by context). */
export const localDateSchema = z.iso.date();

/** Local wall time "HH:mm" ("24:00" allowed as an end). */
export const wallTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');

export const idSchema = z.string().min(1).max(64);

/** ISO 3166-1 alpha-2 country code. */
export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'two-letter country code such as DE');

/** A language tag such as "en" or "zh-CN". */
export const languageSchema = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'language tag such as en or zh-CN');

/** How a moment looks to one person: their date, time, zone and offset. */
export const localTimeSchema = z.object({
  zone: z.string(),
  date: localDateSchema,
  time: z.string(),
  weekday: z.number().int(),
  offsetMinutes: z.number().int(),
  abbreviation: z.string(),
});
export type LocalTime = z.infer<typeof localTimeSchema>;

export const dstWarningSchema = z.object({
  zone: z.string(),
  at: isoInstantSchema,
  offsetBeforeMinutes: z.number().int(),
  offsetAfterMinutes: z.number().int(),
  forGuest: z.boolean(),
});
export type DstWarningDto = z.infer<typeof dstWarningSchema>;
