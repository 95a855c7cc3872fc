import { z } from 'zod';
import type { Ack } from './errors.js';
import { mediaKindSchema, rtpCapabilitiesSchema, rtpParametersSchema } from './media.js';
import { displayNameSchema, entityIdSchema, peerInfoSchema, roomIdSchema } from './peers.js';
import { pushSchemas } from './pushes.js';
import { tokenSchema } from './requests.js';
import { chatMessageSchema, chatTextSchema, roomStateSchema } from './room.js';

/**
 * Node to node: the contract between a stage's own node and an overflow node that relays it
 * (see docs/protocol.md, "Overflow nodes"). It lives on its own Socket.io namespace, apart from
 * the browsers' protocol: a browser's socket cannot send these requests (they are unknown events
 * on the default namespace) and the relay namespace refuses any connection that carries an
 * Origin header (every browser sends one).
 */
export const RELAY_NAMESPACE = '/relay';

/** One end of a node-to-node pipe transport (mediasoup PipeTransport): address, port and SRTP keys. */
export const pipeTupleSchema = z.strictObject({
  ip: z.string().max(64),
  port: z.number().int().min(1).max(65535),
  srtpParameters: z.strictObject({ cryptoSuite: z.string().max(64), keyBase64: z.string().max(256) }),
});
export type PipeTuple = z.infer<typeof pipeTupleSchema>;

/** Overflow node → stage node. Each is a Socket.io event with one payload and an `Ack` callback. */
export const relayRequestSchemas = {
  /**
   * An overflow node attaches to the stage's own node: `token` is a relay token (cluster
   * secret), `pipe` the overflow node's pipe transport. Answered with the origin's pipe
   * transport and the stage as it is; the socket then gets the stage's pushes.
   */
  relayJoin: z.strictObject({ roomId: roomIdSchema, token: tokenSchema, pipe: pipeTupleSchema }),
  /** Sends one producer of the stage down the relay's pipe; answered with what the overflow node produces. */
  relayConsume: z.strictObject({ producerId: entityIdSchema }),
  /** A chat message written by someone watching on the overflow node. */
  relayChat: z.strictObject({
    peerId: entityIdSchema,
    displayName: displayNameSchema,
    /** The author's account (none in demo rooms): a user a host removed is refused. */
    userId: z.string().max(128).optional(),
    text: chatTextSchema,
  }),
  /** The overflow node removed a viewer at the stage hosts' request (`relayRemovePeer`): keep their user out everywhere. */
  relayRemoved: z.strictObject({ userId: z.string().max(128) }),
  /** How many watch on the overflow node now (sent when it changes, at most about once a second). */
  relayAudience: z.strictObject({ count: z.number().int().min(0).max(1_000_000) }),
} as const;

export const relayResponseSchemas = {
  relayJoin: z.object({
    pipe: pipeTupleSchema,
    routerRtpCapabilities: rtpCapabilitiesSchema,
    peers: z.array(peerInfoSchema),
    room: roomStateSchema,
    /** User ids the stage's hosts removed: the overflow node keeps them out too. */
    removedUsers: z.array(z.string()),
  }),
  relayConsume: z.object({
    producerId: entityIdSchema,
    kind: mediaKindSchema,
    rtpParameters: rtpParametersSchema,
    paused: z.boolean(),
  }),
  relayChat: z.object({ message: chatMessageSchema }),
  relayAudience: z.object({}),
  relayRemoved: z.object({}),
} as const satisfies Record<keyof typeof relayRequestSchemas, z.ZodType>;

/**
 * Stage node → overflow node: the stage's own pushes that an overflow room mirrors (the same
 * payloads browsers get), and two of its own.
 */
export const relayPushSchemas = {
  peerJoined: pushSchemas.peerJoined,
  peerLeft: pushSchemas.peerLeft,
  peerUpdated: pushSchemas.peerUpdated,
  producerAdded: pushSchemas.producerAdded,
  producerClosed: pushSchemas.producerClosed,
  producerPaused: pushSchemas.producerPaused,
  producerResumed: pushSchemas.producerResumed,
  activeSpeaker: pushSchemas.activeSpeaker,
  chatMessage: pushSchemas.chatMessage,
  roomLockChanged: pushSchemas.roomLockChanged,
  overflowAudience: pushSchemas.overflowAudience,
  mediaReset: pushSchemas.mediaReset,
  roomClosed: pushSchemas.roomClosed,
  /** A host asked to remove this participant, who is not on the stage's node (perhaps on yours). */
  relayRemovePeer: z.object({ peerId: entityIdSchema }),
  /** A host removed this user; keep them out and end their visits there. */
  relayUserRemoved: z.object({ userId: z.string() }),
} as const;

export type RelayRequestName = keyof typeof relayRequestSchemas;
export const relayRequestNames = Object.keys(relayRequestSchemas) as RelayRequestName[];
export type RelayRequestPayload<K extends RelayRequestName> = z.input<(typeof relayRequestSchemas)[K]>;
export type ParsedRelayRequest<K extends RelayRequestName> = z.output<(typeof relayRequestSchemas)[K]>;
export type RelayResponsePayload<K extends RelayRequestName> = z.infer<(typeof relayResponseSchemas)[K]>;
export type RelayPushName = keyof typeof relayPushSchemas;
export type RelayPushPayload<K extends RelayPushName> = z.infer<(typeof relayPushSchemas)[K]>;

export function isRelayRequestName(name: string): name is RelayRequestName {
  return Object.hasOwn(relayRequestSchemas, name);
}

/** Socket.io's typed maps of the relay namespace. */
export type RelayClientToServerEvents = {
  [K in RelayRequestName]: (payload: RelayRequestPayload<K>, ack: (response: Ack<RelayResponsePayload<K>>) => void) => void;
};
export type RelayServerToClientEvents = {
  [K in RelayPushName]: (payload: RelayPushPayload<K>) => void;
};
