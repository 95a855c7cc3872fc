import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ParsedRequest, RequestName, ResponsePayload, ServerToClientEvents } from '@ca/signaling';
import type { Logger } from '../logger.js';
import type { Rooms } from '../media/Rooms.js';
import type { PresenceTracker } from './presence.js';
import type { Session } from './Session.js';

/** Per-socket data Socket.io keeps for us (none yet: state lives in Session). */
export type SocketData = Record<string, never>;

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Who may join which room. */
export type RoomAccess = {
  /** Verifies meeting tokens. */
  meetingSecret: string;
  /** Rooms without a token (instant /meet links) are open only in demo mode. */
  demoMode: boolean;
  now: () => number;
};

export type GatewayDeps = {
  rooms: Rooms;
  log: Logger;
  io: TypedServer;
  access: RoomAccess;
  presence: PresenceTracker;
};

export type HandlerContext = GatewayDeps & { session: Session };

/** One request handler: gets a validated payload, returns the ack data or throws an AppError. */
export type Handler<K extends RequestName> = (
  ctx: HandlerContext,
  request: ParsedRequest<K>,
) => Promise<ResponsePayload<K>> | ResponsePayload<K>;

export type HandlerMap = { [K in RequestName]: Handler<K> };

/** Socket.io room names: everyone in a meeting, and one participant's own sockets. */
export const roomKey = (roomId: string): string => `room:${roomId}`;
export const peerKey = (peerId: string): string => `peer:${peerId}`;
