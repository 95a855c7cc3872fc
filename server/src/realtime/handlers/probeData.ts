import type { Handler } from '../types.js';

/** A data producer on a connection-test transport: enough traffic for ICE and DTLS to come up. */
export const probeData: Handler<'probeData'> = async (ctx, request) => ({
  dataProducerId: await ctx.probes.produceData(ctx.connection.socket.id, request.transportId, request.sctpStreamParameters),
});
