import { consumePoint } from '../limits.js';
import type { Handler } from '../types.js';

/**
 * A participant's connection-quality report (from the browser's getStats), kept with their
 * attendance. Demo rooms' participants have no account: accepted, not kept.
 */
export const reportStats: Handler<'reportStats'> = async (ctx, request) => {
  const { room, peer } = ctx.connection.membership();
  await consumePoint(ctx.limits.stats, peer.id, 'quality reports');
  if (peer.userId !== undefined) ctx.attendance.quality({ roomId: room.id, userId: peer.userId, sample: request });
  return {};
};
