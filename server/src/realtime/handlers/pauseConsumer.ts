import type { Handler } from '../types.js';

export const pauseConsumer: Handler<'pauseConsumer'> = async (ctx, request) => {
  await ctx.connection.membership().peer.pauseConsumer(request.consumerId);
  return {};
};
