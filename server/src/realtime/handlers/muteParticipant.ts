import { roomKind } from '../../meeting/roomKinds.js';
import { peerKey, type Handler } from '../types.js';
import { requireHost } from './admission.js';

/**
 * Pauses someone's microphone or camera; they are told and only they can turn it on again. Host only.
 * On a LiveKit stage the track they publish there is muted by LiveKit's server instead.
 */
export const muteParticipant: Handler<'muteParticipant'> = async (ctx, request) => {
  const { room } = requireHost(ctx);
  const userId = room.getPeer(request.peerId)?.userId;
  let muted = await room.mute(request.peerId, request.source);
  if (!muted && ctx.stageMedia && userId !== undefined && roomKind(room.id) === 'stage') {
    muted = await ctx.stageMedia.mute(room.id, userId, request.source);
  }
  if (muted) ctx.io.local.to(peerKey(request.peerId)).emit('mutedByHost', { source: request.source });
  return {};
};
