import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import type { HandlerContext, Handler } from '../types.js';
import { requireHost } from './admission.js';

/** The recordings service, or UNAVAILABLE when this server records nothing. */
export function recordingsOf(ctx: HandlerContext): NonNullable<HandlerContext['recordings']> {
  if (!ctx.recordings) throw new AppError(ErrorCode.Unavailable, 'recording is not available on this server');
  return ctx.recordings;
}

/** Starts recording the room on the server; everyone sees it, guests are asked to consent. Host only. */
export const startRecording: Handler<'startRecording'> = async (ctx) => {
  const { room, peer } = requireHost(ctx);
  if (room.breakouts.isOpen) throw new AppError(ErrorCode.Conflict, 'close the breakout rooms before recording', { reason: 'breakouts' });
  const recordingId = await recordingsOf(ctx).start(room, peer);
  return { recordingId };
};
