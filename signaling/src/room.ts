import { z } from 'zod';

/**
 * Who a participant is in a room. Set by the server from the meeting token, never
 * from the client's word.
 * - host: booth staff or the stage moderator; may admit, mute, remove, lock, bring on stage.
 * - guest: a visitor in a booth meeting; sends and receives.
 * - speaker: on a stage; sends and receives.
 * - audience: watches a stage; receives only (no send transport), may raise a hand.
 */
export const participantRoleSchema = z.enum(['host', 'guest', 'speaker', 'audience']);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/** Whether a role may send media. */
export const roleSends = (role: ParticipantRole): boolean => role !== 'audience';

/** Longest chat message, in characters. */
export const MAX_CHAT_LENGTH = 1000;

export const chatTextSchema = z
  .string()
  .trim()
  .min(1, 'message must not be empty')
  .max(MAX_CHAT_LENGTH, `message is at most ${MAX_CHAT_LENGTH} characters`);

/** One chat line. `text` is plain text; clients render it as text, never as HTML. */
export const chatMessageSchema = z.object({
  id: z.string(),
  peerId: z.string(),
  displayName: z.string(),
  text: z.string(),
  /** ISO-8601 UTC instant. */
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** A guest waiting in a booth room's lobby, as staff see them. */
export const knockInfoSchema = z.object({
  knockId: z.string(),
  displayName: z.string(),
  /** ISO 3166-1 alpha-2, from the guest's profile ('' if unknown). */
  country: z.string(),
  /** BCP 47 language tag from the guest's profile ('' if unknown). */
  language: z.string(),
  /** ISO-8601 UTC instant the guest knocked. */
  since: z.string(),
});
export type KnockInfo = z.infer<typeof knockInfoSchema>;

/** An RTCIceServer; TURN entries carry time-limited credentials (TURN REST form). */
export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

/** Most breakout rooms a meeting splits into. */
export const MAX_BREAKOUT_ROOMS = 20;
/** Longest breakout timer, in minutes. */
export const MAX_BREAKOUT_MINUTES = 240;

/** A breakout room's number (1 = the first); rooms are numbered, their names come from each client's language. */
export const breakoutNumberSchema = z.number().int().min(1).max(MAX_BREAKOUT_ROOMS);

/** Breakout rooms while they are open: who is in which, and when they end by themselves. */
export const breakoutStateSchema = z.object({
  rooms: z.array(
    z.object({
      number: breakoutNumberSchema,
      members: z.array(z.object({ peerId: z.string(), displayName: z.string() })),
    }),
  ),
  /** ISO-8601 UTC instant when everyone is called back by the timer; null: no timer. */
  endsAt: z.string().nullable(),
});
export type BreakoutState = z.infer<typeof breakoutStateSchema>;

/** A host's message to every breakout room at once. */
export const breakoutBroadcastSchema = z.object({
  text: z.string(),
  displayName: z.string(),
  /** ISO-8601 UTC instant. */
  sentAt: z.string(),
});
export type BreakoutBroadcast = z.infer<typeof breakoutBroadcastSchema>;

/** The room as a joining participant first sees it; later changes arrive as pushes. */
export const roomStateSchema = z.object({
  locked: z.boolean(),
  activeSpeakerPeerId: z.string().nullable(),
  /** The meeting's chat so far (late joiners see it). */
  chat: z.array(chatMessageSchema),
  /** Who waits in the lobby; filled for hosts only. */
  lobby: z.array(knockInfoSchema),
  /**
   * You watch a stage from an overflow node (the stage's own node was full): view-only,
   * with chat; raising a hand is for the audience on the stage's own node.
   */
  overflow: z.boolean().optional(),
  /** Stage: how many watch from overflow nodes (not in `peers`); absent or 0 when none. */
  overflowAudience: z.number().int().min(0).optional(),
  /** The room is being recorded (server side); absent when not. */
  recording: z.boolean().optional(),
  /** Breakout rooms are open: who is in which (absent when none are). */
  breakouts: breakoutStateSchema.optional(),
  /** Languages you were assigned to interpret into (absent: none). */
  interpretInto: z.array(z.string()).optional(),
  /** You are in this breakout room (absent: the main room). */
  breakout: z.number().int().min(1).optional(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

/** Sources a host may silence on someone else. */
export const hostMuteSourceSchema = z.enum(['microphone', 'camera']);
export type HostMuteSource = z.infer<typeof hostMuteSourceSchema>;
