import type { Handler } from '../types.js';

/** Stops a track for good (for example the end of a screen share). */
export const closeProducer: Handler<'closeProducer'> = (ctx, request) => {
  ctx.connection.membership().peer.closeProducer(request.producerId);
  return {};
};
