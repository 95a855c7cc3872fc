import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import { CHANNEL_ATTRIBUTES } from '@ca/signaling';
import type { LiveKitConfig } from '../config.js';

/** Who a LiveKit stage token is for and what it lets them do. */
export type StageTokenInput = {
  /** The stage's room (our room id: LiveKit's room has the same name). */
  roomId: string;
  /** Our user id: the LiveKit participant identity, so host controls can name them. */
  userId: string;
  /** Display name shown on tiles. */
  name: string;
  /** Organizers: publish and administer the room. */
  moderator: boolean;
  /** Brought on stage by a host: may publish (without room administration). */
  onStage: boolean;
  /** Languages an organizer assigned them to interpret into: they publish (their channels only, checked on each published track). */
  interprets?: readonly string[] | undefined;
  /** The stage's own end: the token never outlives it. Epoch ms. */
  until: number;
  /** Now, epoch ms (the platform's clock). */
  now: number;
};

/**
 * The least-privilege grant of a stage participant: one room; viewers subscribe only (no
 * publishing, no data, no metadata changes), speakers publish, moderators also administer.
 */
export function stageGrant(input: Pick<StageTokenInput, 'roomId' | 'moderator' | 'onStage' | 'interprets'>): VideoGrant {
  const publishes = input.moderator || input.onStage || (input.interprets?.length ?? 0) > 0;
  return {
    room: input.roomId,
    roomJoin: true,
    canSubscribe: true,
    canPublish: publishes,
    canPublishData: publishes,
    canUpdateOwnMetadata: false,
    roomAdmin: input.moderator,
  };
}

/**
 * Signs a LiveKit access token (JWT) for a stage: short-lived (config.tokenTtlSeconds, never past
 * the stage's end). It only gates connecting: once in, LiveKit refreshes it for reconnects.
 */
export async function stageToken(config: LiveKitConfig, input: StageTokenInput): Promise<string> {
  const ttl = Math.max(1, Math.min(config.tokenTtlSeconds, Math.floor((input.until - input.now) / 1000)));
  // Attributes the participant cannot change (canUpdateOwnMetadata is off): the webhook reads who may open which channel.
  const attributes: Record<string, string> = {
    [CHANNEL_ATTRIBUTES.moderator]: String(input.moderator),
    [CHANNEL_ATTRIBUTES.interprets]: (input.interprets ?? []).join(','),
  };
  const token = new AccessToken(config.apiKey, config.apiSecret, { identity: input.userId, name: input.name, ttl, attributes });
  token.addGrant(stageGrant(input));
  return token.toJwt();
}
