import { z } from 'zod';
import type { Ack } from './errors.js';
import {
  dtlsParametersSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  transportOptionsSchema,
} from './media.js';
import { displayNameSchema, entityIdSchema, peerInfoSchema, roomIdSchema } from './peers.js';

/**
 * Client → server requests. Each is a Socket.io event with one payload and an ack
 * callback; the ack is always `Ack<Response>`. Payloads are strict: unknown fields
 * are refused with `BAD_REQUEST`.
 *
 * Flow: join → createTransport (send, recv) → connectTransport (on the transport's
 * 'connect') → produce; for every `producerAdded` push: consume → resumeConsumer.
 */
export const requestSchemas = {
  join: z.strictObject({
    roomId: roomIdSchema,
    displayName: displayNameSchema,
    /** A meeting token from `POST /api/appointments/:id/join`; required for appointment rooms. */
    token: z.string().max(4096).optional(),
  }),
  getRouterRtpCapabilities: z.strictObject({}),
  createTransport: z.strictObject({ direction: z.enum(['send', 'recv']) }),
  connectTransport: z.strictObject({ transportId: entityIdSchema, dtlsParameters: dtlsParametersSchema }),
  produce: z.strictObject({
    transportId: entityIdSchema,
    kind: mediaKindSchema,
    source: mediaSourceSchema,
    rtpParameters: rtpParametersSchema,
    paused: z.boolean().optional(),
  }),
  consume: z.strictObject({
    transportId: entityIdSchema,
    producerId: entityIdSchema,
    rtpCapabilities: rtpCapabilitiesSchema,
  }),
  resumeConsumer: z.strictObject({ consumerId: entityIdSchema }),
  pauseConsumer: z.strictObject({ consumerId: entityIdSchema }),
  pauseProducer: z.strictObject({ producerId: entityIdSchema }),
  resumeProducer: z.strictObject({ producerId: entityIdSchema }),
  closeProducer: z.strictObject({ producerId: entityIdSchema }),
  leave: z.strictObject({}),
} as const;

export const responseSchemas = {
  join: z.object({
    peerId: entityIdSchema,
    roomId: roomIdSchema,
    /** host = booth staff of an appointment; guest otherwise. */
    role: z.enum(['host', 'guest']),
    routerRtpCapabilities: rtpCapabilitiesSchema,
    /** Everyone already in the room, with what they produce. */
    peers: z.array(peerInfoSchema),
  }),
  getRouterRtpCapabilities: z.object({ rtpCapabilities: rtpCapabilitiesSchema }),
  createTransport: transportOptionsSchema,
  connectTransport: z.object({}),
  produce: z.object({ producerId: entityIdSchema }),
  consume: z.object({
    consumerId: entityIdSchema,
    producerId: entityIdSchema,
    peerId: entityIdSchema,
    kind: mediaKindSchema,
    source: mediaSourceSchema,
    rtpParameters: rtpParametersSchema,
    /** Consumers start paused; the client resumes once its track is wired. */
    paused: z.literal(true),
    producerPaused: z.boolean(),
  }),
  resumeConsumer: z.object({}),
  pauseConsumer: z.object({}),
  pauseProducer: z.object({}),
  resumeProducer: z.object({}),
  closeProducer: z.object({}),
  leave: z.object({}),
} as const satisfies Record<keyof typeof requestSchemas, z.ZodType>;

export type RequestName = keyof typeof requestSchemas;
export const requestNames = Object.keys(requestSchemas) as RequestName[];

export type RequestPayload<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type ParsedRequest<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;
export type ResponsePayload<K extends RequestName> = z.infer<(typeof responseSchemas)[K]>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requestSchemas, name);
}

/** Socket.io's typed map of client → server events. */
export type ClientToServerEvents = {
  [K in RequestName]: (payload: RequestPayload<K>, ack: (response: Ack<ResponsePayload<K>>) => void) => void;
};
