import { isSignalingError, type SignalingErrorCode } from '../api/signalingError';

/** Why a camera or microphone could not be opened. */
export const CaptureProblemCode = {
  /** The person or the browser refused access. */
  Denied: 'CAPTURE_DENIED',
  /** No such device. */
  NotFound: 'CAPTURE_NOT_FOUND',
  /** The device exists but another program holds it, or the hardware failed. */
  InUse: 'CAPTURE_IN_USE',
  /** The page is not served over HTTPS (or localhost), so browsers hide media devices. */
  Insecure: 'CAPTURE_INSECURE',
  /** Screen sharing is not available in this browser. */
  ScreenUnsupported: 'SCREEN_UNSUPPORTED',
  /** Anything else. */
  Failed: 'CAPTURE_FAILED',
} as const;
export type CaptureProblemCode = (typeof CaptureProblemCode)[keyof typeof CaptureProblemCode];

/** Failures of the WebRTC layer itself. */
export const MediaProblemCode = {
  /** mediasoup-client does not support this browser. */
  UnsupportedBrowser: 'UNSUPPORTED_BROWSER',
  /** A transport, producer or consumer failed in the browser. */
  MediaFailed: 'MEDIA_FAILED',
} as const;
export type MediaProblemCode = (typeof MediaProblemCode)[keyof typeof MediaProblemCode];

/** How a meeting can end that only this client knows. */
export const MeetingProblemCode = {
  /** The host did not let this guest in from the lobby. */
  Declined: 'LOBBY_DECLINED',
} as const;
export type MeetingProblemCode = (typeof MeetingProblemCode)[keyof typeof MeetingProblemCode];

export type ProblemCode = SignalingErrorCode | CaptureProblemCode | MediaProblemCode | MeetingProblemCode;

/** Something that went wrong, in a form the UI can translate (by `code`) and log (`message`). */
export type Problem = { code: ProblemCode; message: string };

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  readonly code: CaptureProblemCode;

  constructor(code: CaptureProblemCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Maps a getUserMedia / getDisplayMedia rejection to a CaptureError. */
export function captureErrorFrom(error: unknown): CaptureError {
  if (error instanceof CaptureError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CaptureError(CaptureProblemCode.Denied, message);
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CaptureError(CaptureProblemCode.NotFound, message);
    case 'NotReadableError':
    case 'AbortError':
      return new CaptureError(CaptureProblemCode.InUse, message);
    default:
      return new CaptureError(CaptureProblemCode.Failed, message);
  }
}

/** Turns anything thrown into a Problem. */
export function toProblem(error: unknown): Problem {
  if (isSignalingError(error)) return { code: error.code, message: error.message };
  if (error instanceof CaptureError) return { code: error.code, message: error.message };
  const own = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && Object.values<unknown>(MeetingProblemCode).includes(own)) {
    return { code: own as MeetingProblemCode, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'UnsupportedError') {
    return { code: MediaProblemCode.UnsupportedBrowser, message };
  }
  return { code: MediaProblemCode.MediaFailed, message };
}
