import type { types } from 'mediasoup';

/**
 * Resolves true once the consumer forwards an RTP packet, false when it closes first. Read from
 * mediasoup itself: an 'rtp' trace event, turned off again at once (one trace message per call).
 */
export function firstForwarded(consumer: types.Consumer): Promise<boolean> {
  if (consumer.closed) return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const done = (forwarded: boolean) => {
      if (settled) return;
      settled = true;
      consumer.off('trace', onTrace);
      consumer.observer.off('close', onClose);
      if (!consumer.closed) void consumer.enableTraceEvent([]).catch(() => undefined);
      resolve(forwarded);
    };
    const onTrace = (trace: types.ConsumerTraceEventData) => trace.type === 'rtp' && done(true);
    const onClose = () => done(false);
    consumer.on('trace', onTrace);
    consumer.observer.once('close', onClose);
    consumer.enableTraceEvent(['rtp']).catch(() => done(false));
  });
}
