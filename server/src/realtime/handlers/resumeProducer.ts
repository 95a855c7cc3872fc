import type { Handler } from '../types.js';

export const resumeProducer: Handler<'resumeProducer'> = async (ctx, request) => {
  await ctx.connection.membership().peer.resumeProducer(request.producerId);
  return {};
};
