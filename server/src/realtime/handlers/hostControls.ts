import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { roomKind } from '../../meeting/roomKinds.js';
import { peerKey, type Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Lets a waiting guest in (they get `knockAnswered` and join). */
export const admit: Handler<'admit'> = (ctx, request) => {
  requireHost(ctx).room.admit(request.knockId);
  return {};
};

export const decline: Handler<'decline'> = (ctx, request) => {
  requireHost(ctx).room.decline(request.knockId);
  return {};
};

/** Locks the room: nobody but hosts gets in (nor knocks) until unlocked. */
export const lockRoom: Handler<'lockRoom'> = (ctx, request) => {
  requireHost(ctx).room.setLocked(request.locked);
  return {};
};

/** Pauses someone's microphone or camera; they are told and only they can turn it on again. */
export const muteParticipant: Handler<'muteParticipant'> = async (ctx, request) => {
  const { room } = requireHost(ctx);
  if (await room.mute(request.peerId, request.source)) {
    ctx.io.local.to(peerKey(request.peerId)).emit('mutedByHost', { source: request.source });
  }
  return {};
};

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

/** Stage rooms: brings an audience member on stage (they may send) or back (their media stops). */
export const setOnStage: Handler<'setOnStage'> = (ctx, request) => {
  const { room } = requireHost(ctx);
  if (roomKind(room.id) !== 'stage') throw new AppError(ErrorCode.Conflict, 'only a stage has an audience');
  const before = room.getPeer(request.peerId)?.role;
  const peer = room.setOnStage(request.peerId, request.onStage);
  if (peer.role !== before) ctx.io.local.to(peerKey(peer.id)).emit('roleChanged', { role: peer.role });
  return {};
};
