import type { Handler } from '../types.js';

/** Caps the simulcast layer a consumer receives (its tile is small, or bandwidth is short). */
export const setPreferredLayers: Handler<'setPreferredLayers'> = async (ctx, request) => {
  await ctx.connection.membership().peer.setPreferredLayers(request.consumerId, request);
  return {};
};
