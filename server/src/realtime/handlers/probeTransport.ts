import type { Handler } from '../types.js';

/**
 * Pre-join connection test: a transport on one protocol only (see ConnectionProbes), capped per
 * socket, per client address (the handshake's, X-Forwarded-For only from TRUST_PROXY) and per node.
 */
export const probeTransport: Handler<'probeTransport'> = (ctx, request) =>
  ctx.probes.create({ socketId: ctx.connection.socket.id, address: ctx.connection.socket.data.clientAddress }, request.protocol);
