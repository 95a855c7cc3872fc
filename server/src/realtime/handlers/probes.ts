import type { Handler } from '../types.js';

/** Pre-join connection test: a transport on one protocol only (see ConnectionProbes). */
export const probeTransport: Handler<'probeTransport'> = (ctx, request) =>
  ctx.probes.create(ctx.session.socket.id, request.protocol);

export const probeConnect: Handler<'probeConnect'> = async (ctx, request) => {
  await ctx.probes.connect(ctx.session.socket.id, request.transportId, request.dtlsParameters);
  return {};
};

export const probeData: Handler<'probeData'> = async (ctx, request) => ({
  dataProducerId: await ctx.probes.produceData(ctx.session.socket.id, request.transportId, request.sctpStreamParameters),
});
