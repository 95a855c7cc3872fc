import { DEFAULT_WALK_IN_MINUTES } from '../domain/index.js';
import { wireLobbyLine, type WalkInMinutes } from './lobbyLine.js';
import type { Server as HttpServer, IncomingHttpHeaders } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { ErrorCode, handshakeAuthSchema, SOCKET_PATH, SUPPORTED_PROTOCOL_VERSIONS, type ErrorBody, type RtpCapabilitiesWire } from '@ca/signaling';
import type { AttendancePort } from '../domain/index.js';
import type { Logger } from '../logger.js';
import { clientAddress, type TrustFunction } from '../security/clientAddress.js';
import type { Room } from '../media/Room.js';
import type { ConnectionProbes } from '../media/ConnectionProbes.js';
import type { Rooms } from '../media/Rooms.js';
import type { RecordingService } from '../recording/RecordingService.js';
import { bindRequests } from './dispatch.js';
import { bindRelayNamespace } from './relay/relayGateway.js';
import { endRemovedPeers } from './removal.js';
import { localPlacement, type RoomPlacement } from './placement.js';
import type { PresenceTracker } from './presence.js';
import { Connection } from './Connection.js';
import { MAIN_ROOM } from '../meeting/Breakouts.js';
import {
  groupKey,
  hostsKey,
  peerKey,
  roomKey,
  type RealtimeLimits,
  type RoomAccess,
  type SignalingObserver,
  type StageMediaControls,
  type TypedServer,
} from './types.js';

export type GatewayOptions = {
  httpServer: HttpServer;
  rooms: Rooms;
  log: Logger;
  /** Origins besides the server's own that may open a socket. */
  allowedOrigins: string[];
  access: RoomAccess;
  presence: PresenceTracker;
  limits: RealtimeLimits;
  probes: ConnectionProbes;
  /** Where participants' joins, leaves and quality reports go (the platform's AttendanceService). */
  attendance: AttendancePort;
  /** Counts requests and join latency (metrics). Default none. */
  observer?: SignalingObserver | undefined;
  /** Which node serves a room. Default: this one, always (a single node). */
  placement?: RoomPlacement;
  /** Socket.io adapter factory (the Redis streams adapter when nodes share Redis). Default: in process. */
  adapter?: ServerOptions['adapter'];
  /** Which peers' X-Forwarded-For names the client (`socket.data.clientAddress`). Default: nobody's. */
  trustProxy?: TrustFunction;
  /** Host controls on stages whose media runs on LiveKit. Default none (all media on mediasoup). */
  stageMedia?: StageMediaControls;
  /** Server-side recording. Default none (recording requests get UNAVAILABLE). */
  recordings?: RecordingService;
  /** The typical walk-in meeting of a booth (minutes), for the lobby's wait estimates. Default: 10 minutes. */
  walkInMinutes?: WalkInMinutes;
};

/** An Error whose `data` reaches the client's `connect_error` handler. */
function refusal(body: ErrorBody): Error & { data: ErrorBody } {
  return Object.assign(new Error(body.message), { data: body });
}

/** Browsers send Origin; it must be the page's own host or an allowed origin. Non-browser clients send none. */
export function originAllowed(headers: IncomingHttpHeaders, allowed: readonly string[]): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/**
 * Pushes a room's events to the sockets in it. A room's sockets are all on the node that
 * holds it (others are redirected there), so pushes go to this node's sockets directly
 * (`io.local`): at once, before the peer they concern closes, and without a Redis round trip.
 */
function wireRoom(io: TypedServer, room: Room, connections: Map<string, Connection>): void {
  const everyone = io.local.to(roomKey(room.id));
  // Media, chat and speakers stay within each room of the meeting (the main room or a breakout room).
  const inGroup = (group: number) => io.local.to(groupKey(room.id, group));
  const withPeer = (peerId: string) => inGroup(room.groupOf(peerId)).except(peerKey(peerId));
  room.on('peerJoined', (peer) => withPeer(peer.peerId).emit('peerJoined', { peer }));
  room.on('peerLeft', (peerId) => withPeer(peerId).emit('peerLeft', { peerId }));
  room.on('producerAdded', (producer) => withPeer(producer.peerId).emit('producerAdded', { producer }));
  room.on('producerClosed', (ref) => withPeer(ref.peerId).emit('producerClosed', ref));
  room.on('producerPaused', (ref) => withPeer(ref.peerId).emit('producerPaused', ref));
  room.on('producerResumed', (ref) => withPeer(ref.peerId).emit('producerResumed', ref));
  // To everyone, the participant too: their own role and raised hand are shown from it.
  room.on('peerUpdated', (peer) => inGroup(room.groupOf(peer.peerId)).emit('peerUpdated', { peer }));
  room.on('activeSpeaker', (peerId) => (peerId === null ? everyone : inGroup(room.groupOf(peerId))).emit('activeSpeaker', { peerId }));
  room.policy.on('chatMessage', (message) => inGroup(MAIN_ROOM).except(peerKey(message.peerId)).emit('chatMessage', { message }));
  room.on('breakoutChat', (group, message) => inGroup(group).except(peerKey(message.peerId)).emit('chatMessage', { message }));
  room.on('peerMoved', (peer, from, to, roleChanged) => {
    const own = io.local.in(peerKey(peer.id));
    own.socketsLeave(groupKey(room.id, from));
    inGroup(from).emit('peerLeft', { peerId: peer.id });
    inGroup(to).emit('peerJoined', { peer: peer.info() });
    own.socketsJoin(groupKey(room.id, to));
    const view = room.groupView(to);
    own.emit('breakoutMoved', { room: to === MAIN_ROOM ? null : to, peers: room.peerInfos(to).filter((p) => p.peerId !== peer.id), ...view });
    if (roleChanged) own.emit('roleChanged', { role: peer.role });
  });
  room.on('breakoutsChanged', (breakouts) => everyone.emit('breakoutsChanged', { breakouts }));
  room.on('breakoutBroadcast', (message) => everyone.emit('breakoutBroadcast', { message }));
  room.policy.on('lobbyChanged', (waiting) => io.local.to(hostsKey(room.id)).emit('lobbyChanged', { waiting }));
  room.policy.on('lockChanged', (locked) => everyone.emit('roomLockChanged', { locked }));
  room.on('overflowAudience', (count) => everyone.emit('overflowAudience', { count }));
  // An overflow room: the stage's hosts removed someone who watches here.
  room.on('peersRemoved', (peers) => endRemovedPeers(io, connections, peers));
  room.on('mediaReset', (caps) => everyone.emit('mediaReset', { routerRtpCapabilities: caps as RtpCapabilitiesWire }));
  room.once('close', (reason) => {
    if (reason.code !== ErrorCode.NotFound) everyone.emit('roomClosed', { reason });
  });
}

/** Recording pushes: the indicator to everyone in the room, consent questions and answers to the one participant. */
function wireRecordings(io: TypedServer, recordings: RecordingService): void {
  recordings.on('changed', (roomId, recording) => io.local.to(roomKey(roomId)).emit('recordingChanged', { recording }));
  recordings.on('consentNeeded', (peerId, recordingId) => io.local.to(peerKey(peerId)).emit('recordingConsentRequested', { recordingId }));
  recordings.on('consentNoted', (peerId, recorded) => io.local.to(peerKey(peerId)).emit('recordingConsentNoted', { recorded }));
}

/**
 * The handshake's checks: Origin, protocol version, then the client's address (as HTTP sees it)
 * and the account signed in on this browser (its session cookie) onto `socket.data`.
 */
function admitHandshake(options: GatewayOptions, allowedOrigins: () => string[]): Parameters<TypedServer['use']>[0] {
  const { log } = options;
  return (socket, next) => {
    if (!originAllowed(socket.handshake.headers, allowedOrigins())) {
      log.warn({ origin: socket.handshake.headers.origin }, 'socket refused: origin not allowed');
      next(refusal({ code: ErrorCode.OriginNotAllowed, message: 'this origin may not connect' }));
      return;
    }
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success || !SUPPORTED_PROTOCOL_VERSIONS.includes(auth.data.protocolVersion)) {
      next(
        refusal({
          code: ErrorCode.UnsupportedProtocol,
          message: `unsupported protocol version; this server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`,
          details: { supported: SUPPORTED_PROTOCOL_VERSIONS },
        }),
      );
      return;
    }
    // The same address HTTP sees as req.ip: per-client limits on sockets and requests agree.
    socket.data.clientAddress = clientAddress(socket.request, options.trustProxy ?? (() => false));
    // Who is signed in on this browser: a meeting token of another account is refused at join.
    const signedIn = options.access.signedInUser?.(socket.handshake.headers.cookie) ?? Promise.resolve(undefined);
    signedIn.then(
      (userId) => {
        socket.data.userId = userId;
        next();
      },
      (err: unknown) => {
        log.warn({ err }, 'socket refused: session lookup failed');
        next(refusal({ code: ErrorCode.Unavailable, message: 'please try again in a moment' }));
      },
    );
  };
}

/**
 * The Socket.io side of the server: checks Origin and protocol version at the
 * handshake, gives each socket a Session, routes its requests and pushes room
 * events to the sockets in the room.
 */
export function createGateway(options: GatewayOptions): TypedServer {
  const { rooms, log } = options;
  const placement = options.placement ?? localPlacement;
  // Pages served by the other nodes of a cluster (after a ROOM_ELSEWHERE redirect) may connect too.
  const allowedOrigins = () => [...options.allowedOrigins, ...placement.peerOrigins()];
  const io: TypedServer = new Server(options.httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    ...(options.adapter && { adapter: options.adapter }),
    // Only HTTP long-polling needs CORS (WebSocket has the Origin check below); same origins never do.
    cors: { origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins().includes(origin)) },
    // A hard cap; payloads over MAX_PAYLOAD_BYTES but under this get a typed ack instead of a disconnect.
    maxHttpBufferSize: 1_000_000,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.use(admitHandshake(options, allowedOrigins));

  const connections = new Map<string, Connection>();
  rooms.on('roomCreated', (room) => {
    wireRoom(io, room, connections);
    wireLobbyLine(io, room, options.walkInMinutes ?? (() => Promise.resolve(DEFAULT_WALK_IN_MINUTES)));
  });
  if (options.recordings) wireRecordings(io, options.recordings);

  const { access, presence, limits, probes, attendance, observer } = options;
  io.on('connection', (socket) => {
    const connection = new Connection(socket);
    const socketLog = log.child({ socket: socket.id });
    bindRequests(socket, {
      connection,
      rooms,
      probes,
      io,
      log: socketLog,
      access,
      presence,
      limits,
      placement,
      connections,
      attendance,
      observer,
      stageMedia: options.stageMedia,
      recordings: options.recordings,
    });
    socket.on('disconnect', (reason) => {
      socketLog.debug({ reason }, 'socket disconnected');
      connection.withdrawKnocks();
      probes.closeOwned(socket.id);
      // A dropped connection keeps the participant's place for a while; `resume` on a new socket takes it back.
      const held = connection.release();
      if (held) held.room.holdForResume(held.peer, reason === 'client namespace disconnect' ? 0 : access.resumeGraceMs);
    });
  });

  // Overflow nodes attach to stages held here on their own namespace, apart from browsers.
  bindRelayNamespace(io, { rooms, access, limits, log: log.child({ namespace: 'relay' }) });
  return io;
}
