import {
  ErrorCode,
  isRelayRequestName,
  RELAY_NAMESPACE,
  relayRequestNames,
  relayRequestSchemas,
  SUPPORTED_PROTOCOL_VERSIONS,
  handshakeAuthSchema,
  type RelayRequestName,
} from '@ca/signaling';
import { answer, bindAnswering } from '../answering.js';
import { consumePoint } from '../limits.js';
import type { TypedServer } from '../types.js';
import { relayHandlers } from './handlers/index.js';
import { RelayConnection } from './RelayConnection.js';
import type { RelayContext, RelayNamespace } from './types.js';

/** An Error whose `data` reaches the connecting node's `connect_error` handler. */
function refusal(code: ErrorCode, message: string): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(message), { data: { code, message } });
}

/**
 * The node-to-node namespace (`/relay`): overflow nodes attach to the stages held here.
 * Browsers never get in: every browser sends an Origin header with its WebSocket or
 * polling request, and this namespace refuses any connection that carries one. Until a
 * socket has attached with a valid relay token its requests are rate limited like a
 * browser's (and every one but `relayJoin` is FORBIDDEN); an attached relay carries a whole
 * overflow node's traffic and is not (its people's chat is limited per person).
 */
export function bindRelayNamespace(io: TypedServer, deps: Omit<RelayContext, 'connection'>): RelayNamespace {
  const relays = io.of(RELAY_NAMESPACE) as unknown as RelayNamespace;
  relays.use((socket, next) => {
    if (socket.handshake.headers.origin !== undefined) {
      deps.log.warn({ origin: socket.handshake.headers.origin }, 'relay socket refused: a browser origin');
      next(refusal(ErrorCode.OriginNotAllowed, 'only nodes of this cluster may connect here'));
      return;
    }
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success || !SUPPORTED_PROTOCOL_VERSIONS.includes(auth.data.protocolVersion)) {
      next(refusal(ErrorCode.UnsupportedProtocol, `unsupported protocol version; this server speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}`));
      return;
    }
    next();
  });
  relays.on('connection', (socket) => {
    const connection = new RelayConnection(socket);
    const ctx: RelayContext = { ...deps, log: deps.log.child({ relaySocket: socket.id }), connection };
    bindAnswering(socket, {
      names: relayRequestNames,
      isName: isRelayRequestName,
      log: ctx.log,
      respond: (event, payload) =>
        answer(ctx.log, event, payload, {
          admit: () => (connection.attached ? Promise.resolve() : consumePoint(deps.limits.requests, socket.id, 'requests')),
          handle: (raw) => {
            const name = event as RelayRequestName;
            const handler = relayHandlers[name] as (c: RelayContext, r: unknown) => Promise<unknown> | unknown;
            return handler(ctx, relayRequestSchemas[name].parse(raw));
          },
        }),
    });
    socket.on('disconnect', () => connection.release());
  });
  return relays;
}
