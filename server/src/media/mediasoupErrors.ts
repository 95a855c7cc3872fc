import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';

/**
 * What a mediasoup error means for the request that caused it:
 * - `rejected`: mediasoup refused parameters a client sent (the client's mistake: MEDIA_REJECTED);
 * - `closed`: the transport, router or worker closed under the call (a worker died, the room is
 *   being rebuilt, or the object went away);
 * - `unknown`: anything else, a bug here (INTERNAL, logged at error level).
 */
export type MediasoupFailure = 'rejected' | 'closed' | 'unknown';

/**
 * The worker answers some refusals of client parameters with a plain Error whose text is all
 * that tells them apart. Each is driven with a real worker in mediasoupErrors.test.ts, so a
 * mediasoup upgrade that rewords one fails that test instead of turning a typed answer into INTERNAL.
 */
const REJECTED_BY_WORKER: readonly RegExp[] = [
  // A MID or SSRC that another producer on the transport already uses.
  /already exists in RTP listener/,
  // A data channel on an SCTP stream id that another data producer on the transport already uses.
  /already exists in SCTP listener/,
];

/**
 * The one place that reads mediasoup's errors. mediasoup validates parameters in Node with
 * TypeError (malformed) and UnsupportedError (valid but not offered, e.g. a codec the router
 * lacks), throws InvalidStateError once its channel to the worker is closed, and passes the
 * worker's own refusals on as Error with a message (see REJECTED_BY_WORKER).
 */
export function classifyMediasoupError(error: unknown): MediasoupFailure {
  if (!(error instanceof Error)) return 'unknown';
  if (error.name === 'InvalidStateError') return 'closed';
  if (error instanceof TypeError || error.name === 'UnsupportedError') return 'rejected';
  if (REJECTED_BY_WORKER.some((pattern) => pattern.test(error.message))) return 'rejected';
  return 'unknown';
}

/**
 * Runs a mediasoup call on parameters a client sent and turns mediasoup's refusal into
 * MEDIA_REJECTED, and a close under the call into `onClosed()` (the caller's typed error:
 * UNAVAILABLE while a room is rebuilt, NOT_FOUND for a probe that expired). Anything else
 * is rethrown as it is.
 */
export async function withClientParameters<T>(call: () => Promise<T>, options: { onClosed: () => AppError }): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = classifyMediasoupError(error);
    if (failure === 'closed') throw options.onClosed();
    if (failure === 'rejected') {
      throw new AppError(ErrorCode.MediaRejected, `media server rejected the parameters: ${(error as Error).message}`);
    }
    throw error;
  }
}
