import type { Handler } from '../types.js';

/** New ICE parameters for a transport whose connection failed (network change, NAT timeout). */
export const restartIce: Handler<'restartIce'> = async (ctx, request) => ({
  iceParameters: await ctx.connection.membership().peer.restartIce(request.transportId),
});
