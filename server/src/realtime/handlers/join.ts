import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { verifyMeetingToken } from '../../security/meetingTokens.js';
import { APPOINTMENT_ROOM_PREFIX } from '../../services/meetings.js';
import type { Handler, HandlerContext } from '../types.js';

type Admission = { role: 'host' | 'guest'; displayName: string; userId: string | undefined };

const tokenProblems = {
  malformed: 'the meeting link is damaged; open it again from your appointments',
  'bad-signature': 'the meeting link is not valid; open it again from your appointments',
  'not-yet-valid': 'the meeting room opens 10 minutes before the appointment',
  expired: 'this meeting has ended',
  'wrong-room': 'this meeting link is for another room',
} as const;

/** Decides who may enter: appointment rooms need a valid token for that room; other rooms only in demo mode. */
function admit(ctx: HandlerContext, request: { roomId: string; displayName: string; token?: string | undefined }): Admission {
  const { access } = ctx;
  if (request.token !== undefined) {
    const check = verifyMeetingToken(request.token, access.meetingSecret, { room: request.roomId, now: access.now() });
    if (!check.ok) throw new AppError(ErrorCode.Forbidden, tokenProblems[check.reason], { reason: check.reason });
    return { role: check.claims.role, displayName: check.claims.name, userId: check.claims.sub };
  }
  if (request.roomId.startsWith(APPOINTMENT_ROOM_PREFIX)) {
    throw new AppError(ErrorCode.Unauthorized, 'this meeting needs the link from your appointment');
  }
  if (!access.demoMode) throw new AppError(ErrorCode.Forbidden, 'instant meeting links are turned off on this server');
  return { role: 'guest', displayName: request.displayName, userId: undefined };
}

/** Joins a room (created on first join) and returns who is already there. */
export const join: Handler<'join'> = async (ctx, request) => {
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  const admission = admit(ctx, request);
  // A room closes when its last participant leaves; if that raced with this join, take the fresh one.
  let room = await ctx.rooms.getOrCreate(request.roomId);
  if (room.closed) room = await ctx.rooms.getOrCreate(request.roomId);
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  if (ctx.session.socket.disconnected) throw new AppError(ErrorCode.NotJoined, 'disconnected while joining');
  const others = room.peerInfos();
  const peer = room.addPeer({ displayName: admission.displayName });
  ctx.session.attach(room, peer);
  if (admission.userId !== undefined) peer.once('close', ctx.presence.enter(admission.userId));
  ctx.log.info({ roomId: room.id, peerId: peer.id, role: admission.role }, 'peer joined');
  return {
    peerId: peer.id,
    roomId: room.id,
    role: admission.role,
    routerRtpCapabilities: room.router.rtpCapabilities as RtpCapabilitiesWire,
    peers: others,
  };
};
