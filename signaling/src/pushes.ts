import { z } from 'zod';
import { entityIdSchema, peerInfoSchema, producerInfoSchema } from './peers.js';
import { errorBodySchema } from './errors.js';

/** Server → client pushes. No ack; the client reacts and, where needed, sends requests. */
export const pushSchemas = {
  /** Someone joined the room (they produce nothing yet). */
  peerJoined: z.object({ peer: peerInfoSchema }),
  /** Someone left or was disconnected; remove their tiles. */
  peerLeft: z.object({ peerId: entityIdSchema }),
  /** A new producer the client may consume. */
  producerAdded: z.object({ producer: producerInfoSchema }),
  producerClosed: z.object({ producerId: entityIdSchema, peerId: entityIdSchema }),
  producerPaused: z.object({ producerId: entityIdSchema, peerId: entityIdSchema }),
  producerResumed: z.object({ producerId: entityIdSchema, peerId: entityIdSchema }),
  /** The server closed one of this client's consumers (its producer or transport went away). */
  consumerClosed: z.object({ consumerId: entityIdSchema }),
  /** The room ended (server shutdown or media worker failure); the client may rejoin. */
  roomClosed: z.object({ reason: errorBodySchema }),
} as const;

export type PushName = keyof typeof pushSchemas;
export type PushPayload<K extends PushName> = z.infer<(typeof pushSchemas)[K]>;

/** Socket.io's typed map of server → client events. */
export type ServerToClientEvents = {
  [K in PushName]: (payload: PushPayload<K>) => void;
};
