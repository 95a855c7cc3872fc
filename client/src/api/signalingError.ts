import type { ErrorCode, RequestName } from '@ca/signaling';

// Apart from the Socket.io client (api/signaling.ts), so that pages which only need to
// recognise these errors (the pre-join screen's device problems) do not load it.

/** Failures the client detects itself, next to the server's `ErrorCode`s. */
export const ClientErrorCode = {
  /** No ack arrived in time. */
  Timeout: 'TIMEOUT',
  /** The socket closed before the ack arrived, or a request was made on a closed client. */
  Disconnected: 'DISCONNECTED',
  /** The server could not be reached (network, server down). */
  ConnectFailed: 'CONNECT_FAILED',
  /** The ack does not match the contract (a server of another version?). */
  BadResponse: 'BAD_RESPONSE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export type SignalingErrorCode = ErrorCode | ClientErrorCode;

/** A refused or failed request. Branch on `code`; `message` is for people (English, from the server). */
export class SignalingError extends Error {
  override readonly name = 'SignalingError';
  readonly code: SignalingErrorCode;
  /** The request that failed, when there was one. */
  readonly request: RequestName | undefined;
  /** The server's details, when it sent some (e.g. ROOM_ELSEWHERE's `{ url, nodeId }`). */
  readonly details: unknown;

  constructor(code: SignalingErrorCode, message: string, request?: RequestName, details?: unknown) {
    super(message);
    this.code = code;
    this.request = request;
    this.details = details;
  }
}

export function isSignalingError(error: unknown): error is SignalingError {
  return error instanceof SignalingError;
}
