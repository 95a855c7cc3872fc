import type { types } from 'mediasoup';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { withClientParameters } from './mediasoupErrors.js';

/**
 * Guards around mediasoup calls on a participant's behalf: what went wrong under them
 * (a router or entity closed meanwhile, parameters refused) becomes the typed error the
 * client would have got a moment later, never INTERNAL.
 */

export function mediaRestarting(): AppError {
  return new AppError(ErrorCode.Unavailable, 'the media server is restarting; try again in a moment');
}

/** Runs a request on a router; if the router closed meanwhile (its worker died), the caller gets UNAVAILABLE, not INTERNAL. */
export async function mediaServerUp<T>(router: types.Router, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (router.closed) throw mediaRestarting();
    throw error;
  }
}

/**
 * Runs a request on a producer or consumer; if the object closed while the request was
 * in flight (its producer went away, the participant left), the caller gets the
 * typed NOT_FOUND it would have got a moment later, not an internal error.
 */
export async function closedMeansNotFound<T>(
  entity: { closed: boolean },
  request: () => Promise<T>,
  code: typeof ErrorCode.ConsumerNotFound | typeof ErrorCode.ProducerNotFound | typeof ErrorCode.TransportNotFound,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (entity.closed) throw new AppError(code, 'it closed while the request was under way');
    throw error;
  }
}

/** Runs a mediasoup call on parameters a client sent: a refusal is MEDIA_REJECTED, a close under it UNAVAILABLE. */
export function clientParameters<T>(call: () => Promise<T>): Promise<T> {
  return withClientParameters(call, { onClosed: mediaRestarting });
}
