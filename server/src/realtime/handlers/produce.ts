import type { Handler } from '../types.js';

/** Starts sending a track (camera, microphone, screen) on the send transport. */
export const produce: Handler<'produce'> = async (ctx, request) => ({
  producerId: await ctx.connection.membership().peer.produce(request),
});
