import { peerKey, type Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Stage rooms: brings an audience member on stage (they may send) or back (their media stops). Host only. */
export const setOnStage: Handler<'setOnStage'> = (ctx, request) => {
  const { room } = requireHost(ctx);
  if (room.setOnStage(request.peerId, request.onStage)) {
    const peer = room.getPeer(request.peerId);
    if (peer) ctx.io.local.to(peerKey(peer.id)).emit('roleChanged', { role: peer.role });
  }
  return {};
};
