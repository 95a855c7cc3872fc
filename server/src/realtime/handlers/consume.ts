import type { Handler } from '../types.js';

/** Creates a paused consumer of another participant's producer on the recv transport. */
export const consume: Handler<'consume'> = (ctx, request) => ctx.connection.membership().peer.consume(request);
