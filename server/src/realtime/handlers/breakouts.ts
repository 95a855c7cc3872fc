import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { MAIN_ROOM } from '../../meeting/Breakouts.js';
import { roomKind } from '../../meeting/roomKinds.js';
import { consumePoint } from '../limits.js';
import type { Handler } from '../types.js';
import { requireHost } from './admission.js';

/**
 * Opens breakout rooms. Host only; CONFLICT while the meeting is recorded (a recording is of
 * the whole meeting, breakout rooms are private) and on a LiveKit stage (its media is not ours to split).
 */
export const openBreakouts: Handler<'openBreakouts'> = (ctx, request) => {
  const { room } = requireHost(ctx);
  if (ctx.stageMedia && roomKind(room.id) === 'stage') {
    throw new AppError(ErrorCode.Conflict, 'breakout rooms are not available on a LiveKit stage', { reason: 'engine' });
  }
  if (ctx.recordings?.recording(room.id)) {
    throw new AppError(ErrorCode.Conflict, 'stop the recording before opening breakout rooms', { reason: 'recording' });
  }
  room.openBreakouts(request.rooms, request.split, request.minutes);
  return {};
};

/** Moves someone (or the host themselves: a visit) into a breakout room or back. Host only. */
export const moveToBreakout: Handler<'moveToBreakout'> = (ctx, request) => {
  const { room } = requireHost(ctx);
  room.breakouts.move(request.peerId, request.room ?? MAIN_ROOM);
  return {};
};

/** A message to every room at once. Host only; counted against the host's chat limit. */
export const broadcastToBreakouts: Handler<'broadcastToBreakouts'> = async (ctx, request) => {
  const { room, peer } = requireHost(ctx);
  await consumePoint(ctx.limits.chat, peer.id, 'chat messages');
  room.broadcastToBreakouts(peer, request.text);
  return {};
};

/** Calls everyone back to the main room. Host only; nothing happens when no rooms are open. */
export const closeBreakouts: Handler<'closeBreakouts'> = (ctx) => {
  const { room } = requireHost(ctx);
  room.breakouts.close();
  return {};
};
