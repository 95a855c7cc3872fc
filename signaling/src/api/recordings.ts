import { z } from 'zod';

/** A meeting recording as its participants (and, for stages, organizers) see it. */
export const recordingSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  /** 'recording' while the meeting runs, 'composing' while the video is made, then 'ready' or 'failed'. */
  status: z.enum(['recording', 'composing', 'ready', 'failed', 'deleted']),
  /** Composition progress, 0..1. */
  progress: z.number(),
  /** ISO-8601 UTC instants. */
  startedAt: z.string(),
  stoppedAt: z.string().nullable(),
  /** The files are deleted at this instant (retention). */
  expiresAt: z.string(),
  /** The composed video's size in bytes (0 until ready). */
  bytes: z.number().int(),
  /** Who was asked and what they answered (declined: left out of the recording). */
  consents: z.array(z.object({ displayName: z.string(), consent: z.boolean(), decidedAt: z.string() })),
  /** Where to download or play it (range requests), when ready. */
  fileUrl: z.string().nullable(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const recordingListSchema = z.object({ recordings: z.array(recordingSchema) });

/** Organizers: disk the recordings take. */
export const recordingStorageSchema = z.object({ bytes: z.number().int(), recordings: z.number().int() });
