import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { peerKey, type Handler } from '../types.js';
import { requireHost } from './admission.js';

/**
 * Removes a participant for the rest of the meeting — each of their devices and any knock
 * of theirs; hosts cannot remove each other. (A room's sockets are all on this node, so
 * pushes go to local sockets at once, before the peers close.)
 */
export const removeParticipant: Handler<'removeParticipant'> = (ctx, request) => {
  const { room, peer: host } = requireHost(ctx);
  const target = room.getPeer(request.peerId);
  if (!target) throw new AppError(ErrorCode.NotFound, 'no such participant in this room');
  if (target === host || target.role === 'host') throw new AppError(ErrorCode.Forbidden, 'hosts cannot be removed');
  for (const peer of room.remove(target.id)) {
    ctx.io.local.to(peerKey(peer.id)).emit('roomClosed', {
      reason: { code: ErrorCode.RemovedByHost, message: 'a host removed you from this meeting' },
    });
    ctx.sessions.get(peer.id)?.release();
    peer.close();
  }
  ctx.log.info({ roomId: room.id, peerId: target.id, by: host.id }, 'participant removed');
  return {};
};
