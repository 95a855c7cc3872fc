import type { Handler } from '../types.js';

/** Raises or lowers the participant's hand; everyone sees it in `peerUpdated`. */
export const raiseHand: Handler<'raiseHand'> = (ctx, request) => {
  const { room, peer } = ctx.connection.membership();
  room.setHandRaised(peer, request.raised);
  return {};
};
