import { z } from 'zod';
import { idSchema, isoInstantSchema, localDateSchema, zoneSchema } from './common.js';

/**
 * `GET /api/booths/:boothId/analytics` and `GET /api/events/:eventId/analytics`: an inclusive
 * range of local dates (default: the event's days), the zone the days and hours are counted in
 * (default: the caller's own zone at that booth, or the event's), JSON or CSV.
 */
export const analyticsQuerySchema = z.strictObject({
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  timeZone: zoneSchema.optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

/** Most days one analytics answer covers. */
export const MAX_ANALYTICS_DAYS = 366;

/** Meetings and visits counted together (one booth, one hall, one day or the whole range). */
export const activityCountsSchema = z.object({
  /** Booth page visits (anonymous counts, no visitor is recorded). */
  visits: z.number().int(),
  /** Guests who came into the booth's walk-in room (each once per booth). */
  walkIns: z.number().int(),
  /** Appointments asked for, whatever became of them (by their start). */
  requested: z.number().int(),
  /** Of those, the ones staff accepted (confirmed, held or no-show). */
  accepted: z.number().int(),
  /** Held: both sides were in the meeting. */
  held: z.number().int(),
  noShows: z.number().int(),
});
export type ActivityCounts = z.infer<typeof activityCountsSchema>;

/** Connection quality of the meetings in the range, from the participants' own reports. */
export const qualitySummarySchema = z.object({
  /** People-in-meetings with at least one report. */
  reports: z.number().int(),
  rttMs: z.number().nullable(),
  lossPct: z.number().nullable(),
  bitrateKbps: z.number().nullable(),
  /** Each person-in-a-meeting by their medians: good (RTT < 150 ms, loss < 2 %), fair (< 300 ms, < 5 %), poor. */
  good: z.number().int(),
  fair: z.number().int(),
  poor: z.number().int(),
});
export type QualityBreakdown = z.infer<typeof qualitySummarySchema>;

const dailySchema = activityCountsSchema.extend({ date: localDateSchema });
const hourSchema = z.object({ hour: z.number().int().min(0).max(23), meetings: z.number().int(), walkIns: z.number().int() });

export const boothAnalyticsSchema = z.object({
  boothId: idSchema,
  timeZone: z.string(),
  from: localDateSchema,
  to: localDateSchema,
  totals: activityCountsSchema.extend({
    declined: z.number().int(),
    cancelled: z.number().int(),
    expired: z.number().int(),
    /** Mean minutes the guests of held meetings were in them; null with none held. */
    averageMeetingMinutes: z.number().nullable(),
    /** Contact cards shared (and not withdrawn) for meetings in the range. */
    cardsShared: z.number().int(),
    leads: z.object({ hot: z.number().int(), warm: z.number().int(), cold: z.number().int(), unrated: z.number().int() }),
  }),
  daily: z.array(dailySchema),
  /** Meetings held and walk-ins by their local starting hour, 0–23. */
  hours: z.array(hourSchema),
  quality: qualitySummarySchema,
});
export type BoothAnalytics = z.infer<typeof boothAnalyticsSchema>;

const guestShareSchema = z.object({ key: z.string(), guests: z.number().int() });

export const eventAnalyticsSchema = z.object({
  eventId: idSchema,
  timeZone: z.string(),
  from: localDateSchema,
  to: localDateSchema,
  totals: activityCountsSchema.extend({ stageViewers: z.number().int(), cardsShared: z.number().int() }),
  daily: z.array(dailySchema),
  booths: z.array(activityCountsSchema.extend({ boothId: idSchema, organisation: z.string(), hallId: idSchema })),
  halls: z.array(activityCountsSchema.extend({ hallId: idSchema, name: z.string(), stageViewers: z.number().int() })),
  /** Distinct guests who booked or walked in, by the country and language of their profile (counts only). */
  countries: z.array(guestShareSchema),
  languages: z.array(guestShareSchema),
});
export type EventAnalytics = z.infer<typeof eventAnalyticsSchema>;

const liveCountsSchema = z.object({
  /** Rooms with at least one person in them now. */
  openRooms: z.number().int(),
  /** People in booth meetings and walk-in rooms now. */
  inMeetings: z.number().int(),
  /** People in stage rooms now. */
  stageViewers: z.number().int(),
});

/** `GET /api/events/:eventId/live`: what is happening now, from the media servers' attendance. */
export const liveNowSchema = liveCountsSchema.extend({
  at: isoInstantSchema,
  halls: z.array(liveCountsSchema.extend({ hallId: idSchema, name: z.string() })),
});
export type LiveNow = z.infer<typeof liveNowSchema>;
