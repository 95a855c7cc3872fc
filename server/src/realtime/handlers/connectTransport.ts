import type { Handler } from '../types.js';

/** Completes a transport's DTLS handshake parameters. */
export const connectTransport: Handler<'connectTransport'> = async (ctx, request) => {
  await ctx.connection.membership().peer.connectTransport(request.transportId, request.dtlsParameters);
  return {};
};
