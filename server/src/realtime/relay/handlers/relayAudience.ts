import type { RelayHandler } from '../types.js';

/** An overflow node says how many watch there; everyone in the stage hears the new total. */
export const relayAudience: RelayHandler<'relayAudience'> = (ctx, request) => {
  const { room, pipe } = ctx.connection.relay();
  room.relays.setAudience(pipe, request.count);
  return {};
};
