import { consumePoint } from '../limits.js';
import type { Handler } from '../types.js';

/** Posts to the room's chat (kept for the meeting; late joiners get it with `join`). */
export const sendChat: Handler<'sendChat'> = async (ctx, request) => {
  const { room, peer } = ctx.connection.membership();
  await consumePoint(ctx.limits.chat, peer.id, 'chat messages');
  return { message: await room.sendChat(peer, request.text) };
};
