import { ErrorCode, type ErrorBody, type Issue } from '@ca/signaling';
import { ZodError } from 'zod';

/**
 * The one error type the server throws on purpose. Its `code` is stable and part of
 * the public contract; HTTP status and socket ack are derived from it in `toErrorBody`
 * and `httpStatusOf`, and nowhere else.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const httpStatusByCode: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_PROTOCOL: 426,
  UNKNOWN_EVENT: 400,
  NOT_JOINED: 409,
  ALREADY_JOINED: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  ROOM_NOT_FOUND: 404,
  ROOM_FULL: 409,
  ROOM_LOCKED: 423,
  LOBBY_REQUIRED: 403,
  REMOVED_BY_HOST: 403,
  TRANSPORT_NOT_FOUND: 404,
  PRODUCER_NOT_FOUND: 404,
  CONSUMER_NOT_FOUND: 404,
  CANNOT_CONSUME: 422,
  CONFLICT: 409,
  MEDIA_REJECTED: 422,
  RATE_LIMITED: 429,
  // 421 Misdirected Request: this node cannot serve the room; the details name the one that can.
  ROOM_ELSEWHERE: 421,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return httpStatusByCode[code];
}

/** Turns a zod failure into the details clients see: where and what, no values echoed. */
function zodDetails(error: ZodError): Issue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
    // Bounds of a too-small/too-big value (its length for text, its count for lists), so a client can say them.
    ...('origin' in issue && typeof issue.origin === 'string' ? { origin: issue.origin } : {}),
    ...('minimum' in issue && typeof issue.minimum === 'number' ? { minimum: issue.minimum } : {}),
    ...('maximum' in issue && typeof issue.maximum === 'number' ? { maximum: issue.maximum } : {}),
  }));
}

/**
 * Maps anything thrown to the public error body. Anything that is neither an AppError nor
 * a validation failure is a bug: INTERNAL, with no internals in the message. (mediasoup's
 * refusals of client parameters are turned into MEDIA_REJECTED by media/mediasoupErrors.ts.)
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ZodError) {
    return { code: ErrorCode.BadRequest, message: 'invalid request', details: zodDetails(error) };
  }
  return { code: ErrorCode.Internal, message: 'internal error' };
}

/** True when the error is a bug worth an error-level log line (not the caller's fault). */
export function isInternal(error: unknown): boolean {
  return toErrorBody(error).code === ErrorCode.Internal;
}
