import type { Handler } from '../types.js';

/** Pre-join connection test: a transport on one protocol only (see ConnectionProbes). */
export const probeTransport: Handler<'probeTransport'> = (ctx, request) =>
  ctx.probes.create(ctx.session.socket.id, request.protocol);
