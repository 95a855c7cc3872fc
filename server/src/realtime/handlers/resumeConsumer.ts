import type { Handler } from '../types.js';

export const resumeConsumer: Handler<'resumeConsumer'> = async (ctx, request) => {
  await ctx.connection.membership().peer.resumeConsumer(request.consumerId);
  return {};
};
