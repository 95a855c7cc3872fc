import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { roomKind } from '../../meeting/roomKinds.js';
import { peerKey, type Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Stage rooms: brings an audience member on stage (they may send) or back (their media stops). Host only. */
export const setOnStage: Handler<'setOnStage'> = (ctx, request) => {
  const { room } = requireHost(ctx);
  if (roomKind(room.id) !== 'stage') throw new AppError(ErrorCode.Conflict, 'only a stage has an audience');
  const before = room.getPeer(request.peerId)?.role;
  const peer = room.setOnStage(request.peerId, request.onStage);
  if (peer.role !== before) ctx.io.local.to(peerKey(peer.id)).emit('roleChanged', { role: peer.role });
  return {};
};
