import type { Handler } from '../types.js';

/** An overflow node says how many watch there; everyone in the stage hears the new total. */
export const relayAudience: Handler<'relayAudience'> = (ctx, request) => {
  const { room, pipe } = ctx.session.relay();
  room.setOverflowAudience(pipe, request.count);
  return {};
};
