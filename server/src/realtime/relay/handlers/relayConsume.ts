import type { RelayHandler } from '../types.js';

/** Sends one of the stage's producers down the relay's pipe. */
export const relayConsume: RelayHandler<'relayConsume'> = async (ctx, request) => {
  const { room, pipe } = ctx.connection.relay();
  return room.relays.sendDown(pipe, request.producerId);
};
