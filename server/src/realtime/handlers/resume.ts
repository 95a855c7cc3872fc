import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import type { Handler } from '../types.js';
import { joinedPayload } from './admission.js';

/**
 * Takes a participant's peer back on a new connection (the old one dropped or is
 * about to be noticed dead). Transports and media were never interrupted; the
 * answer is the current room so the client can reconcile what it missed.
 */
export const resume: Handler<'resume'> = async (ctx, request) => {
  if (ctx.connection.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  // A room this node does not hold may be on another node (ROOM_ELSEWHERE); otherwise the place is gone.
  if (!ctx.rooms.get(request.roomId)) await ctx.placement.route(request.roomId, 'resume');
  const room = ctx.rooms.get(request.roomId);
  const peer = room?.claim(request.peerId, request.resumeKey);
  if (!room || room.closed || !peer) {
    throw new AppError(ErrorCode.NotFound, 'your place in this meeting has expired; join again');
  }
  const previous = ctx.connections.get(peer.id);
  if (previous && previous !== ctx.connection) {
    previous.release();
    previous.socket.disconnect(true);
  }
  ctx.connection.attach(room, peer, ctx.connections);
  room.resumed(peer);
  ctx.log.info({ roomId: room.id, peerId: peer.id }, 'peer resumed');
  return joinedPayload(ctx, room, peer);
};
