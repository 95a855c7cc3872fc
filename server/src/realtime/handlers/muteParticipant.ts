import { peerKey, type Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Pauses someone's microphone or camera; they are told and only they can turn it on again. Host only. */
export const muteParticipant: Handler<'muteParticipant'> = async (ctx, request) => {
  const { room } = requireHost(ctx);
  if (await room.mute(request.peerId, request.source)) {
    ctx.io.local.to(peerKey(request.peerId)).emit('mutedByHost', { source: request.source });
  }
  return {};
};
