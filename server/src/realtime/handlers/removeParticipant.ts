import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { endRemovedPeers } from '../removal.js';
import type { Handler } from '../types.js';
import { requireHost } from './admission.js';

/**
 * Removes a participant for the rest of the meeting — each of their devices and any knock
 * of theirs, and (a stage) their visits on overflow nodes; the room's policy says who may be removed.
 */
export const removeParticipant: Handler<'removeParticipant'> = (ctx, request) => {
  const { room, peer: host } = requireHost(ctx);
  const target = room.getPeer(request.peerId);
  if (!target) {
    // Perhaps a viewer on an overflow node (known here from the chat): the overflow nodes are asked.
    if (room.relays.forwardRemoval(request.peerId)) {
      ctx.log.info({ roomId: room.id, peerId: request.peerId, by: host.id }, 'removal forwarded to overflow nodes');
      return {};
    }
    throw new AppError(ErrorCode.NotFound, 'no such participant in this room');
  }
  endRemovedPeers(ctx.io, ctx.connections, room.remove(target.id));
  ctx.log.info({ roomId: room.id, peerId: target.id, by: host.id }, 'participant removed');
  return {};
};
