import type { Handler } from '../types.js';

/** Mutes a microphone or stops a camera without tearing the producer down. */
export const pauseProducer: Handler<'pauseProducer'> = async (ctx, request) => {
  await ctx.connection.membership().peer.pauseProducer(request.producerId);
  return {};
};
