/**
 * Interpretation channels on a LiveKit stage: a published audio track named `interpretation:<language>`.
 * Who may open which is written into each participant's token as attributes they cannot change; the
 * server mutes a channel opened against them (webhook) and clients neither list nor receive it.
 */
export const CHANNEL_TRACK_PREFIX = 'interpretation:';

/** Token attributes: whether they moderate, and the languages they interpret into (comma-separated). */
export const CHANNEL_ATTRIBUTES = { moderator: 'ca.moderator', interprets: 'ca.interprets' } as const;

/** The language of an interpretation channel's track name; undefined for any other track. */
export function channelLanguageOf(trackName: string): string | undefined {
  return trackName.startsWith(CHANNEL_TRACK_PREFIX) ? trackName.slice(CHANNEL_TRACK_PREFIX.length) || undefined : undefined;
}

/**
 * Whether a participant (by their token's attributes) may open this track: any track but a channel;
 * a channel only into an assigned language, or, with none assigned, as a moderator (they stand in).
 */
export function mayPublishTrack(attributes: Readonly<Record<string, string>> | undefined, trackName: string): boolean {
  const language = channelLanguageOf(trackName);
  if (!trackName.startsWith(CHANNEL_TRACK_PREFIX)) return true;
  if (language === undefined) return false;
  const assigned = (attributes?.[CHANNEL_ATTRIBUTES.interprets] ?? '').split(',').filter(Boolean);
  if (assigned.length > 0) return assigned.includes(language);
  return attributes?.[CHANNEL_ATTRIBUTES.moderator] === 'true';
}
