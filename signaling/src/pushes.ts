import { z } from 'zod';
import { entityIdSchema, peerInfoSchema, producerInfoSchema } from './peers.js';
import { errorBodySchema } from './errors.js';
import { rtpCapabilitiesSchema } from './media.js';
import {
  breakoutBroadcastSchema,
  breakoutNumberSchema,
  breakoutStateSchema,
  chatMessageSchema,
  hostMuteSourceSchema,
  knockInfoSchema,
  participantRoleSchema,
} from './room.js';

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
  /** A participant's role, raised hand or connection changed. */
  peerUpdated: z.object({ peer: peerInfoSchema }),
  /** Who speaks loudest now (null: nobody for a while). */
  activeSpeaker: z.object({ peerId: entityIdSchema.nullable() }),
  chatMessage: z.object({ message: chatMessageSchema }),
  /** Hosts: the lobby changed. */
  lobbyChanged: z.object({ waiting: z.array(knockInfoSchema) }),
  /**
   * To a knocking guest, whenever the line or the booth's hosts change: their place in line (1 =
   * next), how many wait, how many hosts are in the room, and an estimated wait in minutes (null
   * while no host is there).
   */
  lobbyPosition: z.object({
    knockId: entityIdSchema,
    position: z.number().int().min(1),
    waiting: z.number().int().min(1),
    hosts: z.number().int().min(0),
    etaMinutes: z.number().int().min(0).nullable(),
  }),
  /** To a knocking guest: let in (now `join`) or not. */
  knockAnswered: z.object({ knockId: entityIdSchema, admitted: z.boolean() }),
  roomLockChanged: z.object({ locked: z.boolean() }),
  /** Stage: how many watch from overflow nodes now (they are not in the participant list). */
  overflowAudience: z.object({ count: z.number().int().min(0) }),
  /** A host paused your microphone or camera; turning it back on is up to you. */
  mutedByHost: z.object({ source: hostMuteSourceSchema }),
  /** The room's recording started or stopped (everyone sees the indicator while it is on). */
  recordingChanged: z.object({ recording: z.boolean() }),
  /** A recording runs: may you be recorded? Answer with `recordingConsent`; until then nothing of yours is recorded. */
  recordingConsentRequested: z.object({ recordingId: entityIdSchema }),
  /** Your answer was taken: `recorded` false means your microphone and camera are left out. */
  recordingConsentNoted: z.object({ recorded: z.boolean() }),
  /** Breakout rooms opened, changed (someone moved) or closed (null). To everyone in the meeting. */
  breakoutsChanged: z.object({ breakouts: breakoutStateSchema.nullable() }),
  /**
   * You were moved into a breakout room, or back to the main room (`room` null): the people you now
   * see and hear, that room's chat and who speaks there. Replace your list of participants with these
   * (close what you received from the others); your own media keeps going.
   */
  breakoutMoved: z.object({
    room: breakoutNumberSchema.nullable(),
    peers: z.array(peerInfoSchema),
    chat: z.array(chatMessageSchema),
    activeSpeakerPeerId: entityIdSchema.nullable(),
  }),
  /** A host's message to all breakout rooms. */
  breakoutBroadcast: z.object({ message: breakoutBroadcastSchema }),
  /** Your role changed (stage: brought on stage or back to the audience). */
  roleChanged: z.object({ role: participantRoleSchema }),
  /**
   * The room's media server was replaced (a worker died): every transport, producer and
   * consumer is gone. Re-create the transports, send again and consume what others announce.
   */
  mediaReset: z.object({ routerRtpCapabilities: rtpCapabilitiesSchema }),
  /** The server is shutting down; finish up. The room closes at `deadline` (ISO instant) at the latest. */
  serverDraining: z.object({ deadline: z.string() }),
  /** The room ended for you (server shutdown, removed by a host, worker failure without recovery). */
  roomClosed: z.object({ reason: errorBodySchema }),
} as const;

export type PushName = keyof typeof pushSchemas;
export type PushPayload<K extends PushName> = z.infer<(typeof pushSchemas)[K]>;

/** Socket.io's typed map of server → client events. */
export type ServerToClientEvents = {
  [K in PushName]: (payload: PushPayload<K>) => void;
};
