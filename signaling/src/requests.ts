import { z } from 'zod';
import type { Ack } from './errors.js';
import {
  channelLanguageSchema,
  dtlsParametersSchema,
  mediaKindSchema,
  mediaRecordSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  sctpStreamParametersSchema,
  transportOptionsSchema,
} from './media.js';
import { displayNameSchema, entityIdSchema, peerInfoSchema, roomIdSchema } from './peers.js';
import {
  breakoutNumberSchema,
  chatMessageSchema,
  chatTextSchema,
  hostMuteSourceSchema,
  iceServerSchema,
  MAX_BREAKOUT_MINUTES,
  MAX_BREAKOUT_ROOMS,
  participantRoleSchema,
  roomStateSchema,
} from './room.js';

export const tokenSchema = z.string().max(4096);
/** Proof that a peer is yours: given at join, used to resume after a reconnect or to replace it after a reload. */
const peerClaimSchema = z.strictObject({ peerId: entityIdSchema, resumeKey: z.string().min(16).max(128) });

const joinedSchema = z.object({
  peerId: entityIdSchema,
  roomId: roomIdSchema,
  role: participantRoleSchema,
  /** Keep it (sessionStorage): `resume` after a dropped connection, `join.replaces` after a reload. */
  resumeKey: z.string(),
  routerRtpCapabilities: rtpCapabilitiesSchema,
  /** STUN/TURN servers for the transports, with credentials valid for this meeting. */
  iceServers: z.array(iceServerSchema),
  /** Everyone else in the room, with what they produce. */
  peers: z.array(peerInfoSchema),
  room: roomStateSchema,
});

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
    /** A meeting token (appointment, booth walk-in or stage); required for every room but demo `/meet` rooms. */
    token: tokenSchema.optional(),
    /** A previous peer of this participant (page reload): it is removed before the new one joins. */
    replaces: peerClaimSchema.optional(),
  }),
  /** After a dropped connection: take the same peer back (transports and media stay). Fails NOT_FOUND once its grace period ended. */
  resume: z.strictObject({ roomId: roomIdSchema, ...peerClaimSchema.shape }),
  /** Ask a host of a lobby room to let you in; answered by the `knockAnswered` push. */
  knock: z.strictObject({ roomId: roomIdSchema, token: tokenSchema }),
  getRouterRtpCapabilities: z.strictObject({}),
  /**
   * Pre-join connection test (no join needed): a throwaway transport that listens on one protocol only.
   * The client connects to it (a data channel is enough) and reports whether UDP, then TCP, works.
   */
  probeTransport: z.strictObject({ protocol: z.enum(['udp', 'tcp']) }),
  probeConnect: z.strictObject({ transportId: entityIdSchema, dtlsParameters: dtlsParametersSchema }),
  probeData: z.strictObject({
    transportId: entityIdSchema,
    sctpStreamParameters: sctpStreamParametersSchema,
  }),
  createTransport: z.strictObject({ direction: z.enum(['send', 'recv']) }),
  connectTransport: z.strictObject({ transportId: entityIdSchema, dtlsParameters: dtlsParametersSchema }),
  produce: z.strictObject({
    transportId: entityIdSchema,
    kind: mediaKindSchema,
    source: mediaSourceSchema,
    rtpParameters: rtpParametersSchema,
    paused: z.boolean().optional(),
    /** Required with source `interpretation` (the channel's language), refused with any other. */
    language: channelLanguageSchema.optional(),
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
  /** New ICE credentials for a transport whose connection failed. */
  restartIce: z.strictObject({ transportId: entityIdSchema }),
  /** Highest simulcast layer this consumer wants (follows its tile's size). */
  setPreferredLayers: z.strictObject({
    consumerId: entityIdSchema,
    spatialLayer: z.number().int().min(0).max(2),
    temporalLayer: z.number().int().min(0).max(2).optional(),
  }),
  sendChat: z.strictObject({ text: chatTextSchema }),
  raiseHand: z.strictObject({ raised: z.boolean() }),
  // Host only (FORBIDDEN for everyone else):
  admit: z.strictObject({ knockId: entityIdSchema }),
  decline: z.strictObject({ knockId: entityIdSchema }),
  lockRoom: z.strictObject({ locked: z.boolean() }),
  /** Pauses someone's microphone or camera; only they can turn it back on. */
  muteParticipant: z.strictObject({ peerId: entityIdSchema, source: hostMuteSourceSchema }),
  /** Removes someone; they cannot come back into this room's meeting. */
  removeParticipant: z.strictObject({ peerId: entityIdSchema }),
  /** Stage rooms: brings an audience member on stage (speaker) or back (audience). */
  setOnStage: z.strictObject({ peerId: entityIdSchema, onStage: z.boolean() }),
  /** Starts recording the room (server side); everyone gets `recordingChanged`, guests are asked to consent. Host only. */
  startRecording: z.strictObject({}),
  /** Stops the recording; the composed video is made afterwards. Host only. */
  stopRecording: z.strictObject({}),
  /**
   * Opens breakout rooms (host only; not while recording, not on a LiveKit stage): `rooms` numbered
   * rooms; `split` 'auto' spreads everyone but the hosts evenly over them, 'manual' leaves everyone in
   * the main room for `moveToBreakout`. With `minutes`, everyone is called back when the time is up.
   */
  openBreakouts: z.strictObject({
    rooms: z.number().int().min(1).max(MAX_BREAKOUT_ROOMS),
    split: z.enum(['auto', 'manual']),
    minutes: z.number().int().min(1).max(MAX_BREAKOUT_MINUTES).optional(),
  }),
  /** Moves a participant (yourself: a host's visit) into a breakout room, or back to the main room (null). Host only. */
  moveToBreakout: z.strictObject({ peerId: entityIdSchema, room: breakoutNumberSchema.nullable() }),
  /** A message shown in every breakout room and the main room. Host only, while breakout rooms are open. */
  broadcastToBreakouts: z.strictObject({ text: chatTextSchema }),
  /** Calls everyone back to the main room and closes the breakout rooms. Host only. */
  closeBreakouts: z.strictObject({}),
  /** Your answer to `recordingConsentRequested`: declined, nothing of yours is recorded. */
  recordingConsent: z.strictObject({ consent: z.boolean() }),
  leave: z.strictObject({}),
  /**
   * The participant's connection quality, measured by the browser (getStats) and sent every few
   * seconds while joined; the server keeps a per-meeting summary (median) as part of attendance.
   * Limited per participant (`STATS_REPORTS_PER_10S`); more get RATE_LIMITED.
   */
  reportStats: z.strictObject({
    /** Round-trip time to the media server, ms. */
    rttMs: z.number().min(0).max(60_000).optional(),
    /** Packets lost of those expected since the last report, percent. */
    lossPct: z.number().min(0).max(100).optional(),
    /** What the participant sends plus receives, kbit/s. */
    bitrateKbps: z.number().min(0).max(1_000_000).optional(),
  }),
} as const;

export const responseSchemas = {
  join: joinedSchema,
  resume: joinedSchema,
  knock: z.object({ knockId: entityIdSchema }),
  getRouterRtpCapabilities: z.object({ rtpCapabilities: rtpCapabilitiesSchema }),
  probeTransport: z.object({
    routerRtpCapabilities: rtpCapabilitiesSchema,
    transport: transportOptionsSchema.extend({ sctpParameters: mediaRecordSchema }),
  }),
  probeConnect: z.object({}),
  probeData: z.object({ dataProducerId: entityIdSchema }),
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
  restartIce: z.object({ iceParameters: mediaRecordSchema }),
  setPreferredLayers: z.object({}),
  sendChat: z.object({ message: chatMessageSchema }),
  raiseHand: z.object({}),
  admit: z.object({}),
  decline: z.object({}),
  lockRoom: z.object({}),
  muteParticipant: z.object({}),
  removeParticipant: z.object({}),
  setOnStage: z.object({}),
  startRecording: z.object({ recordingId: entityIdSchema }),
  stopRecording: z.object({}),
  recordingConsent: z.object({}),
  openBreakouts: z.object({}),
  moveToBreakout: z.object({}),
  broadcastToBreakouts: z.object({}),
  closeBreakouts: z.object({}),
  leave: z.object({}),
  reportStats: z.object({}),
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
