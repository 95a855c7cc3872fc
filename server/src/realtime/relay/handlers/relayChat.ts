import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../../errors.js';
import { consumePoint } from '../../limits.js';
import type { RelayHandler } from '../types.js';

/**
 * Chat from someone watching on the overflow node: kept and announced here like any other.
 * Never in the name of a participant of this node, nor from a user a host removed.
 */
export const relayChat: RelayHandler<'relayChat'> = async (ctx, request) => {
  const { room } = ctx.connection.relay();
  if (room.getPeer(request.peerId)) throw new AppError(ErrorCode.Forbidden, 'that participant is on the stage node');
  if (request.userId !== undefined && room.policy.removed(request.userId)) {
    throw new AppError(ErrorCode.RemovedByHost, 'a host removed you from this meeting');
  }
  await consumePoint(ctx.limits.chat, request.peerId, 'chat messages');
  return { message: room.policy.addChat({ peerId: request.peerId, displayName: request.displayName }, request.text) };
};
