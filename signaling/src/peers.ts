import { z } from 'zod';
import { channelLanguageSchema, mediaKindSchema, mediaSourceSchema } from './media.js';
import { CONTROL_CHARACTER, DISPLAY_NAME_MAX_LENGTH, ROOM_ID_PATTERN } from './names.js';
import { participantRoleSchema } from './room.js';

/** A room id as it appears in a meeting link `/meet/<roomId>`. */
export const roomIdSchema = z.string().regex(ROOM_ID_PATTERN, 'room id: 1-64 letters, digits, "-" or "_"');

/** A name shown on a participant's tile. Control characters are refused. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(DISPLAY_NAME_MAX_LENGTH, 'name is at most 64 characters')
  .refine((s) => !CONTROL_CHARACTER.test(s), 'name must not contain control characters');

/** Ids minted by the server (peers, transports, producers, consumers). */
export const entityIdSchema = z.string().min(1).max(64);

export const producerInfoSchema = z.object({
  producerId: entityIdSchema,
  peerId: entityIdSchema,
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  paused: z.boolean(),
  /** An interpretation channel's language (only with source `interpretation`). */
  language: channelLanguageSchema.optional(),
});
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

export const peerInfoSchema = z.object({
  peerId: entityIdSchema,
  displayName: z.string(),
  role: participantRoleSchema,
  handRaised: z.boolean(),
  /** The connection dropped; the server keeps the place for a short grace period while it reconnects. */
  away: z.boolean(),
  producers: z.array(producerInfoSchema),
  /**
   * Their identity on the stage's media engine when it is not ours (a LiveKit stage: their user
   * id, which LiveKit already shows the room): clients put that engine's tracks on this tile.
   */
  mediaIdentity: z.string().max(128).optional(),
  /** An assigned interpreter: heard through their channel, not shown on the stage (no camera tile unless they send video). */
  interpreter: z.boolean().optional(),
});
export type PeerInfo = z.infer<typeof peerInfoSchema>;
