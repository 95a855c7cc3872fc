import type { Server, Socket } from 'socket.io';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ClientToServerEvents, HostMuteSource, ParsedRequest, RequestName, ResponsePayload, ServerToClientEvents } from '@ca/signaling';
import type { AttendancePort } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { ConnectionProbes } from '../media/ConnectionProbes.js';
import type { Rooms } from '../media/Rooms.js';
import type { RecordingService } from '../recording/RecordingService.js';
import type { MeetingClaims } from '../security/meetingTokens.js';
import type { TurnSettings } from '../security/turnCredentials.js';
import type { RoomPlacement } from './placement.js';
import type { PresenceTracker } from './presence.js';
import type { Connection } from './Connection.js';

/** Per-socket data Socket.io keeps for us (the rest of a socket's state lives in Session). */
export type SocketData = {
  /** The client's address (`clientAddress`: X-Forwarded-For only from trusted proxies), set at the handshake. */
  clientAddress: string;
  /** The account signed in on this browser (its session cookie at the handshake), if any. */
  userId?: string | undefined;
};

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Who may join which room, and what they get with it. */
export type RoomAccess = {
  /** Verifies meeting tokens. */
  meetingSecret: string;
  /** Rooms without a token (instant /meet links) are open only in demo mode. */
  demoMode: boolean;
  now: () => number;
  /** TURN servers handed out with time-limited credentials; none when unset. */
  turn: TurnSettings | undefined;
  /** How long a dropped participant keeps their place, in ms. */
  resumeGraceMs: number;
  /** Whether a token's grant (appointment at its version, agenda session) still stands; asked at every join. Default: always. */
  grantStillValid?: (claims: MeetingClaims) => Promise<boolean>;
  /** The account a handshake's Cookie header is signed in as (session cookie), if any. Default: none. */
  signedInUser?: (cookieHeader: string | undefined) => Promise<string | undefined>;
};

/** Per-socket and per-participant limits (typed RATE_LIMITED when exceeded). */
export type RealtimeLimits = {
  /** Any request, keyed by socket id. */
  requests: RateLimiterAbstract;
  /** Chat messages, keyed by peer id. */
  chat: RateLimiterAbstract;
  /** Connection-quality reports (`reportStats`), keyed by peer id. */
  stats: RateLimiterAbstract;
};

/** What signaling tells the metrics (see observability/Metrics). */
export type SignalingObserver = {
  /** A request was answered: `code` undefined when it succeeded. */
  answered(event: RequestName, code: string | undefined): void;
  /** Seconds from a participant's join request to the first media forwarded to them. */
  firstMedia(seconds: number): void;
  /** Seconds from a participant's join request to the first RTP packet forwarded on one of the consumers they resumed while joining. */
  consumerMedia(seconds: number): void;
};

/** Host controls on stages whose media runs on another engine (LiveKit); see livekit/LiveKitStages. */
export type StageMediaControls = {
  /** Mutes the user's published microphone or camera there; false when they publish none. */
  mute(roomId: string, userId: string, source: HostMuteSource): Promise<boolean>;
};

export type GatewayDeps = {
  rooms: Rooms;
  /** Pre-join connection tests. */
  probes: ConnectionProbes;
  log: Logger;
  io: TypedServer;
  access: RoomAccess;
  presence: PresenceTracker;
  limits: RealtimeLimits;
  /** Which node serves a room (always this one without a cluster). */
  placement: RoomPlacement;
  /** Counts requests and join latency. Default: nothing counted. */
  observer?: SignalingObserver | undefined;
  /** Where joins, leaves and quality reports of participants with an account go. */
  attendance: AttendancePort;
  /** The connection that holds each peer, so a resume on a new socket can take it over. */
  connections: Map<string, Connection>;
  /** Stages on LiveKit (STAGE_MEDIA=livekit); undefined: all media is ours. */
  stageMedia: StageMediaControls | undefined;
  /** Server-side recording (ffmpeg); undefined: recording requests get UNAVAILABLE. */
  recordings?: RecordingService | undefined;
};

export type HandlerContext = GatewayDeps & { connection: Connection };

/** One request handler: gets a validated payload, returns the ack data or throws an AppError. */
export type Handler<K extends RequestName> = (ctx: HandlerContext, request: ParsedRequest<K>) => Promise<ResponsePayload<K>> | ResponsePayload<K>;

export type HandlerMap = { [K in RequestName]: Handler<K> };

/** Socket.io room names: everyone in a meeting, its hosts, one participant's own sockets, one knock. */
export const roomKey = (roomId: string): string => `room:${roomId}`;
export const hostsKey = (roomId: string): string => `hosts:${roomId}`;
export const peerKey = (peerId: string): string => `peer:${peerId}`;
/** Those in one of a meeting's rooms: 0 the main room, 1… a breakout room (who sees and hears whom). */
export const groupKey = (roomId: string, group: number): string => `${groupPrefix(roomId)}${group}`;
export const groupPrefix = (roomId: string): string => `group:${roomId}:`;
