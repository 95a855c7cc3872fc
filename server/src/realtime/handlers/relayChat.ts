import { consumePoint } from '../limits.js';
import type { Handler } from '../types.js';

/** Chat from someone watching on the overflow node: kept and announced here like any other. */
export const relayChat: Handler<'relayChat'> = async (ctx, request) => {
  const { room } = ctx.session.relay();
  await consumePoint(ctx.limits.chat, request.peerId, 'chat messages');
  return { message: room.policy.addChat({ peerId: request.peerId, displayName: request.displayName }, request.text) };
};
