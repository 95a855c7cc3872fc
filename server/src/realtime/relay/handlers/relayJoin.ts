import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import { AppError } from '../../../errors.js';
import { MAIN_ROOM } from '../../../meeting/Breakouts.js';
import { roomKind } from '../../../meeting/roomKinds.js';
import { verifyRelayToken } from '../../../security/relayTokens.js';
import type { RelayHandler } from '../types.js';

/**
 * An overflow node attaches to a stage held here (cluster: the stage's node was full,
 * its further audience watches on another node). Needs a relay token signed with the
 * cluster's secret for this room; the stage must be held on this node. The pipe
 * transports are connected both ways before the answer, so media can flow at once.
 */
export const relayJoin: RelayHandler<'relayJoin'> = async (ctx, request) => {
  if (ctx.connection.attached) throw new AppError(ErrorCode.AlreadyJoined, 'this connection relays a stage already');
  const check = verifyRelayToken(request.token, ctx.access.meetingSecret, { room: request.roomId, pipe: request.pipe, now: ctx.access.now() });
  if (!check.ok) throw new AppError(ErrorCode.Forbidden, 'this relay token is not valid', { reason: check.reason });
  if (roomKind(request.roomId) !== 'stage') throw new AppError(ErrorCode.Conflict, 'only a stage has overflow nodes');
  const room = ctx.rooms.get(request.roomId);
  if (!room || room.closed || room.overflow) throw new AppError(ErrorCode.NotFound, 'this stage is not held on this node');
  const pipe = await room.relays.open(check.claims.node);
  try {
    await pipe.connect(request.pipe);
    if (room.closed || !room.relays.has(pipe)) throw new AppError(ErrorCode.NotFound, 'the stage closed');
    if (ctx.connection.socket.disconnected) throw new AppError(ErrorCode.Unavailable, 'disconnected while attaching');
    if (ctx.connection.attached) throw new AppError(ErrorCode.AlreadyJoined, 'this connection relays a stage already');
  } catch (error) {
    room.relays.close(pipe);
    if (error instanceof AppError) throw error;
    throw new AppError(ErrorCode.BadRequest, 'the pipe address was refused');
  }
  ctx.connection.attach(room, pipe);
  ctx.log.info({ roomId: room.id, node: check.claims.node }, 'overflow node attached');
  return {
    pipe: pipe.tuple,
    routerRtpCapabilities: room.rtpCapabilities as RtpCapabilitiesWire,
    peers: room.peerInfos(MAIN_ROOM),
    room: room.stateFor({ role: 'audience' }),
    removedUsers: room.policy.removedUsers(),
  };
};
