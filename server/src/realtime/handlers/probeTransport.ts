import { clientAddress } from '../clientAddress.js';
import type { Handler } from '../types.js';

/** Pre-join connection test: a transport on one protocol only (see ConnectionProbes), capped per socket, address and node. */
export const probeTransport: Handler<'probeTransport'> = (ctx, request) =>
  ctx.probes.create({ socketId: ctx.session.socket.id, address: clientAddress(ctx.session.socket) }, request.protocol);
