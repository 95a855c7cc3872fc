import type { Handler } from '../types.js';

/** Creates a WebRTC transport for sending or receiving. */
export const createTransport: Handler<'createTransport'> = (ctx, request) => ctx.connection.membership().peer.createTransport(request.direction);
