import { ErrorCode, type ParticipantRole, type RtpCapabilitiesWire, type ResponsePayload } from '@ca/signaling';
import { AppError } from '../../errors.js';
import type { Identity, Peer } from '../../media/Peer.js';
import type { Room } from '../../media/Room.js';
import { roomKind } from '../../meeting/roomKinds.js';
import { verifyMeetingToken } from '../../security/meetingTokens.js';
import { iceServersFor } from '../../security/turnCredentials.js';
import type { HandlerContext } from '../types.js';

const tokenProblems = {
  malformed: 'the meeting link is damaged; open it again from your appointments',
  'bad-signature': 'the meeting link is not valid; open it again from your appointments',
  'not-yet-valid': 'the meeting room opens 10 minutes before the appointment',
  expired: 'this meeting has ended',
  'wrong-room': 'this meeting link is for another room',
} as const;

/**
 * Who someone is in a room, from their meeting token: its role, name and profile
 * win over anything in the payload. Without a token only demo rooms open, as guest.
 * A token is refused when its grant is gone (`revoked`: the appointment was cancelled,
 * rescheduled or moved, the agenda session removed) or when another account is signed in
 * on this browser than the one it was issued to (`other-account`).
 */
export async function identityFor(
  ctx: HandlerContext,
  request: { roomId: string; displayName: string; token?: string | undefined },
): Promise<Identity> {
  const { access } = ctx;
  if (request.token !== undefined) {
    const check = verifyMeetingToken(request.token, access.meetingSecret, { room: request.roomId, now: access.now() });
    if (!check.ok) throw new AppError(ErrorCode.Forbidden, tokenProblems[check.reason], { reason: check.reason });
    const { claims } = check;
    const signedIn = ctx.connection.socket.data.userId;
    if (signedIn !== undefined && signedIn !== claims.sub) {
      throw new AppError(ErrorCode.Forbidden, 'this meeting link was issued to another account; open it from your own appointments', {
        reason: 'other-account',
      });
    }
    if (access.grantStillValid && !(await access.grantStillValid(claims))) {
      throw new AppError(ErrorCode.Forbidden, 'this meeting link is no longer valid: the meeting was changed or cancelled', { reason: 'revoked' });
    }
    return {
      role: claims.role,
      displayName: claims.name,
      userId: claims.sub,
      country: claims.country ?? '',
      language: claims.lang ?? '',
      ...(claims.interp && { interprets: claims.interp }),
    };
  }
  if (roomKind(request.roomId) !== 'instant') {
    throw new AppError(ErrorCode.Unauthorized, 'this meeting needs the link from your appointment, booth or agenda');
  }
  if (!access.demoMode) throw new AppError(ErrorCode.Forbidden, 'instant meeting links are turned off on this server');
  return { role: 'guest', displayName: request.displayName, userId: undefined, country: '', language: '' };
}

/** New rooms and joins stop while the server drains. */
export function assertAccepting(ctx: HandlerContext): void {
  if (!ctx.rooms.accepting) throw new AppError(ErrorCode.Unavailable, 'the server is restarting; join again in a moment');
}

/**
 * The room, created on first use and held open until `done()`; a room that closed as the
 * request came in is replaced by a fresh one.
 * With several nodes, a room held by another node is refused with ROOM_ELSEWHERE (its URL) first,
 * and a stage's audience may be served an overflow room that relays the stage from its node.
 */
export async function openRoom(ctx: HandlerContext, roomId: string, role: ParticipantRole): Promise<{ room: Room; done: () => void }> {
  const where = await ctx.placement.route(roomId, 'open', role);
  for (let attempt = 0; ; attempt++) {
    const room = await ctx.rooms.getOrCreate(roomId, where);
    // Held open until the caller is done (`done`): a room a refused request opened closes again then.
    const done = room.enter();
    if (!room.closed || attempt > 0) return { room, done };
    done();
  }
}

/** What `join` and `resume` answer: you, everyone else, the room's state and your ICE servers. */
export function joinedPayload(ctx: HandlerContext, room: Room, peer: Peer): ResponsePayload<'join'> {
  return {
    peerId: peer.id,
    roomId: room.id,
    role: peer.role,
    resumeKey: peer.resumeKey,
    routerRtpCapabilities: room.rtpCapabilities as RtpCapabilitiesWire,
    iceServers: iceServersFor(ctx.access.turn, peer.userId ?? peer.id, ctx.access.now()),
    peers: room.peerInfos(room.groupOf(peer.id)).filter((p) => p.peerId !== peer.id),
    room: { ...room.stateFor(peer), ...(ctx.recordings?.recording(room.id) && { recording: true }) },
  };
}

/** The caller's room and peer, if they are a host of it; FORBIDDEN otherwise. */
export function requireHost(ctx: HandlerContext): { room: Room; peer: Peer } {
  const membership = ctx.connection.membership();
  if (membership.peer.role !== 'host') throw new AppError(ErrorCode.Forbidden, 'only a host can do that');
  return membership;
}
