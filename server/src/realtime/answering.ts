import { ErrorCode, type Ack } from '@ca/signaling';
import { AppError, isInternal, toErrorBody } from '../errors.js';
import type { Logger } from '../logger.js';

/** Largest request payload, as JSON, that a handler sees. Larger ones get PAYLOAD_TOO_LARGE. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

type AckFn = (response: Ack<unknown>) => void;
type RawSocket = {
  on(event: string, listener: (...args: unknown[]) => void): void;
  onAny(listener: (event: string, ...args: unknown[]) => void): void;
};

function payloadTooLarge(payload: unknown): boolean {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '') > MAX_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

/** How one request is answered: `admit` (rate limits) runs before the size check, `handle` validates and handles. */
export type Answer = {
  admit?: () => Promise<void>;
  handle: (payload: unknown) => Promise<unknown> | unknown;
};

/**
 * Runs one request: admission, size check, then the handler, and turns whatever they throw
 * into a typed error ack. Only an INTERNAL error is logged as one; a client's mistake is a
 * debug line.
 */
export async function answer(log: Logger, event: string, payload: unknown, how: Answer): Promise<Ack<unknown>> {
  try {
    await how.admit?.();
    if (payloadTooLarge(payload)) {
      throw new AppError(ErrorCode.PayloadTooLarge, `payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
    }
    return { ok: true, data: await how.handle(payload) };
  } catch (error) {
    const body = toErrorBody(error);
    if (isInternal(error)) log.error({ err: error, event }, 'request failed');
    else log.debug({ event, code: body.code }, 'request refused');
    return { ok: false, error: body };
  }
}

/** What one socket's contract answers: its request names, and how to respond to each. */
export type Answering = {
  names: readonly string[];
  isName(event: string): boolean;
  respond(event: string, payload: unknown): Promise<Ack<unknown>>;
  log: Logger;
};

/**
 * Routes every request of a contract on a socket to `respond`, with exactly one ack each.
 * A request without an ack callback is ignored; an unknown event with one gets UNKNOWN_EVENT.
 * Nothing a client sends can throw out of here.
 */
export function bindAnswering(socket: unknown, contract: Answering): void {
  const raw = socket as RawSocket;
  for (const name of contract.names) {
    raw.on(name, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        contract.log.debug({ event: name }, 'request without ack ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      void contract.respond(name, payload).then((response) => (ack as AckFn)(response));
    });
  }
  raw.onAny((event, ...args) => {
    if (contract.isName(event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      (ack as AckFn)({ ok: false, error: { code: ErrorCode.UnknownEvent, message: 'unknown event' } });
    }
  });
}
