import { ErrorCode, isRequestName, requestNames, requestSchemas, type Ack, type RequestName } from '@ca/signaling';
import { AppError, isInternal, toErrorBody } from '../errors.js';
import { handlers } from './handlers/index.js';
import { consumePoint } from './limits.js';
import type { HandlerContext, TypedSocket } from './types.js';

/** Largest request payload, as JSON, that a handler sees. Larger ones get PAYLOAD_TOO_LARGE. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

type AckFn = (response: Ack<unknown>) => void;
type RawSocket = { on(event: string, listener: (...args: unknown[]) => void): void; onAny(listener: (event: string, ...args: unknown[]) => void): void };

function payloadTooLarge(payload: unknown): boolean {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? '') > MAX_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

async function run(ctx: HandlerContext, name: RequestName, payload: unknown): Promise<Ack<unknown>> {
  const startedAt = performance.now();
  const ack = await answer(ctx, name, payload);
  ctx.observer?.answered(name, ack.ok ? undefined : ack.error.code);
  if (ack.ok) observeJoinLatency(ctx, name, startedAt);
  return ack;
}

/** Join latency: from a join request to the first consumer the participant resumes (media forwarded to them). */
function observeJoinLatency(ctx: HandlerContext, name: RequestName, startedAt: number): void {
  if (name === 'join') ctx.session.joinStartedAt = startedAt;
  else if (name === 'resumeConsumer' && ctx.session.joinStartedAt !== undefined) {
    ctx.observer?.firstMedia((performance.now() - ctx.session.joinStartedAt) / 1000);
    ctx.session.joinStartedAt = undefined;
  }
}

async function answer(ctx: HandlerContext, name: RequestName, payload: unknown): Promise<Ack<unknown>> {
  try {
    // A relay carries a whole overflow node's traffic (its people's chat is limited there, per person).
    if (!ctx.session.relaying) await consumePoint(ctx.limits.requests, ctx.session.socket.id, 'requests');
    if (payloadTooLarge(payload)) {
      throw new AppError(ErrorCode.PayloadTooLarge, `payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
    }
    const request = requestSchemas[name].parse(payload);
    const handler = handlers[name] as (c: HandlerContext, r: unknown) => Promise<unknown> | unknown;
    return { ok: true, data: await handler(ctx, request) };
  } catch (error) {
    const body = toErrorBody(error);
    if (isInternal(error)) ctx.log.error({ err: error, event: name }, 'request failed');
    else ctx.log.debug({ event: name, code: body.code }, 'request refused');
    return { ok: false, error: body };
  }
}

/**
 * Routes every protocol request on a socket to its handler: size check, zod
 * validation, handler, and exactly one ack, success or typed error. A request
 * without an ack callback is ignored; an unknown event with one gets UNKNOWN_EVENT.
 * Nothing a client sends can throw out of here.
 */
export function bindRequests(socket: TypedSocket, ctx: HandlerContext): void {
  const raw = socket as unknown as RawSocket;
  for (const name of requestNames) {
    raw.on(name, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        ctx.log.debug({ event: name }, 'request without ack ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      void run(ctx, name, payload).then((response) => (ack as AckFn)(response));
    });
  }
  raw.onAny((event, ...args) => {
    if (isRequestName(event)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') {
      (ack as AckFn)({ ok: false, error: { code: ErrorCode.UnknownEvent, message: 'unknown event' } });
    }
  });
}
