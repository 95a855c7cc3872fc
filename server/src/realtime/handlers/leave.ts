import type { Handler } from '../types.js';

/** Leaves the room; the connection stays open and may join again. */
export const leave: Handler<'leave'> = (ctx) => {
  ctx.connection.membership();
  ctx.connection.leave();
  return {};
};
