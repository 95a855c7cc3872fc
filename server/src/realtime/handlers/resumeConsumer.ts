import type { Peer } from '../../media/Peer.js';
import type { Handler, HandlerContext } from '../types.js';

/** Consumers resumed this long after the join request are no longer part of the join (ca_join_media_seconds). */
export const JOIN_PHASE_MS = 60_000;

export const resumeConsumer: Handler<'resumeConsumer'> = async (ctx, request) => {
  const { peer } = ctx.connection.membership();
  watchJoinMedia(ctx, peer, request.consumerId);
  await peer.resumeConsumer(request.consumerId);
  return {};
};

/** While joining: join request → the first RTP packet this consumer forwards, read from mediasoup (a trace event). */
function watchJoinMedia(ctx: HandlerContext, peer: Peer, consumerId: string): void {
  const started = ctx.connection.joinStartedAt;
  const observer = ctx.observer;
  if (started === undefined || !observer || performance.now() - started > JOIN_PHASE_MS) return;
  void peer.firstPacket(consumerId).then((forwarded) => forwarded && observer.consumerMedia((performance.now() - started) / 1000));
}
