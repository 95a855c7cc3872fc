import { isRequestName, requestNames, requestSchemas, type Ack, type RequestName } from '@ca/signaling';
import { answer, bindAnswering } from './answering.js';
import { handlers } from './handlers/index.js';
import { consumePoint } from './limits.js';
import type { HandlerContext, TypedSocket } from './types.js';

export { MAX_PAYLOAD_BYTES } from './answering.js';

async function run(ctx: HandlerContext, name: RequestName, payload: unknown): Promise<Ack<unknown>> {
  const startedAt = performance.now();
  const ack = await answer(ctx.log, name, payload, {
    admit: () => consumePoint(ctx.limits.requests, ctx.connection.socket.id, 'requests'),
    handle: (raw) => {
      const handler = handlers[name] as (c: HandlerContext, r: unknown) => Promise<unknown> | unknown;
      return handler(ctx, requestSchemas[name].parse(raw));
    },
  });
  ctx.observer?.answered(name, ack.ok ? undefined : ack.error.code);
  if (ack.ok) observeJoinLatency(ctx, name, startedAt);
  return ack;
}

/** Join latency: from a join request to the first consumer the participant resumes (media forwarded to them). */
function observeJoinLatency(ctx: HandlerContext, name: RequestName, startedAt: number): void {
  const { connection } = ctx;
  if (name === 'join') {
    connection.joinStartedAt = startedAt;
    connection.firstMediaSeen = false;
  } else if (name === 'resumeConsumer' && connection.joinStartedAt !== undefined && !connection.firstMediaSeen) {
    ctx.observer?.firstMedia((performance.now() - connection.joinStartedAt) / 1000);
    connection.firstMediaSeen = true;
  }
}

/**
 * Routes every browser protocol request on a socket to its handler: rate limit, size check,
 * zod validation, handler, and exactly one ack, success or typed error.
 */
export function bindRequests(socket: TypedSocket, ctx: HandlerContext): void {
  bindAnswering(socket, {
    names: requestNames,
    isName: isRequestName,
    respond: (event, payload) => run(ctx, event as RequestName, payload),
    log: ctx.log,
  });
}
