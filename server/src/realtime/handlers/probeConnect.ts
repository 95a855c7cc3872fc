import type { Handler } from '../types.js';

/** Connects a connection-test transport (its DTLS parameters). */
export const probeConnect: Handler<'probeConnect'> = async (ctx, request) => {
  await ctx.probes.connect(ctx.connection.socket.id, request.transportId, request.dtlsParameters);
  return {};
};
