import type { types } from 'mediasoup';
import { io, type Socket } from 'socket.io-client';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  RELAY_NAMESPACE,
  relayPushSchemas,
  relayResponseSchemas,
  SOCKET_PATH,
  type Ack,
  type RelayClientToServerEvents,
  type RelayPushName,
  type RelayPushPayload,
  type RelayRequestName,
  type RelayRequestPayload,
  type RelayResponsePayload,
  type RelayServerToClientEvents,
} from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { NodePipe, type PipeListen } from '../media/NodePipe.js';
import { signRelayToken } from '../security/relayTokens.js';

/** How long the stage's node has to answer one relay request. */
const REQUEST_TIMEOUT_MS = 5_000;

/** Where the stage is and who asks: what attaching needs. */
export type StageAddress = {
  roomId: string;
  /** The node that holds the stage. */
  origin: { id: string; url: string };
  /** This (overflow) node's id, named in the relay token. */
  nodeId: string;
  /** The cluster's shared meeting secret (relay tokens are derived from it). */
  secret: string;
  listen: PipeListen;
  now: () => number;
};

type RelaySocket = Socket<RelayServerToClientEvents, RelayClientToServerEvents>;
/** The same socket seen untyped: pushes are validated here before use, acks after. */
type UntypedSocket = {
  onAny(listener: (event: string, raw: unknown) => void): unknown;
  emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>>;
};

/**
 * One attachment of an overflow node to a stage on its node: the Socket.io connection
 * (on the relay namespace: `relayJoin` with a relay token) and the NodePipe whose two ends it
 * connected. Requests and pushes are checked against the contract like any input.
 * Pushes that arrive before the owner listens (the stage speaks as soon as it attached
 * us, while our end of the pipe still connects) are held and delivered, in order, by
 * `start()`. It does not reconnect; the StageRelay makes a new one when needed.
 */
export class StageLink {
  readonly pipe: NodePipe;
  /** The stage as it was when the link was made. */
  readonly joined: RelayResponsePayload<'relayJoin'>;
  readonly #socket: RelaySocket;
  readonly #log: Logger;
  readonly #handlers = new Map<string, (raw: unknown) => void>();
  /** Pushes held until `start()`; null once started. */
  #held: Array<[string, unknown]> | null;

  private constructor(socket: RelaySocket, pipe: NodePipe, joined: RelayResponsePayload<'relayJoin'>, held: Array<[string, unknown]>, log: Logger) {
    this.#socket = socket;
    this.pipe = pipe;
    this.joined = joined;
    this.#held = held;
    this.#log = log;
    (socket as unknown as UntypedSocket).onAny((event, raw) => {
      if (this.#held) this.#held.push([event, raw]);
      else this.#handlers.get(event)?.(raw);
    });
  }

  /** Attaches, piping into `home`, and connects the pipe both ways; UNAVAILABLE if the stage's node does not take it. */
  static async attach(address: StageAddress, home: types.Router, log: Logger): Promise<StageLink> {
    const pipe = await NodePipe.create(home, address.listen);
    const socket: RelaySocket = io(`${address.origin.url.replace(/\/$/, '')}${RELAY_NAMESPACE}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
      timeout: REQUEST_TIMEOUT_MS,
    });
    const held: Array<[string, unknown]> = [];
    const hold = (event: string, raw: unknown) => held.push([event, raw]);
    (socket as unknown as UntypedSocket).onAny(hold);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      const tuple = pipe.tuple;
      const token = signRelayToken({ room: address.roomId, node: address.nodeId, pipe: tuple }, address.secret, address.now());
      const joined = await request(socket, 'relayJoin', { roomId: address.roomId, token, pipe: tuple });
      await pipe.connect(joined.pipe);
      socket.offAny(hold);
      log.info({ peers: joined.peers.length }, 'relaying a stage from its node');
      return new StageLink(socket, pipe, joined, held, log);
    } catch (err) {
      socket.close();
      pipe.close();
      log.warn({ err }, 'could not attach to the stage on its node');
      throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; try again in a moment");
    }
  }

  request<K extends RelayRequestName>(name: K, payload: RelayRequestPayload<K>): Promise<RelayResponsePayload<K>> {
    return request(this.#socket, name, payload);
  }

  /** A push from the stage's node, validated (a malformed one is logged and dropped). */
  on<K extends RelayPushName>(name: K, handler: (payload: RelayPushPayload<K>) => void): void {
    this.#handlers.set(name, (raw) => {
      const parsed = relayPushSchemas[name].safeParse(raw);
      if (parsed.success) handler(parsed.data as RelayPushPayload<K>);
      else this.#log.warn({ push: name }, 'malformed push from the stage node ignored');
    });
  }

  onDisconnect(handler: () => void): void {
    this.#socket.on('disconnect', handler);
  }

  /** Delivers the pushes held since the stage attached us, then each as it comes. */
  start(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const [event, raw] of held) this.#handlers.get(event)?.(raw);
  }

  /** No more pushes or disconnect calls from this link (it is being replaced). */
  silence(): void {
    this.#handlers.clear();
    this.#held = null;
    this.#socket.removeAllListeners();
  }

  /** Ends the link; the stage's node closes its end of the pipe. */
  close(): void {
    this.silence();
    this.#socket.close();
    this.pipe.close();
  }
}

/**
 * One request: typed ack within REQUEST_TIMEOUT_MS, its answer validated; an error ack
 * throws it, and no answer (or a malformed one) is UNAVAILABLE: the stage's node did not answer.
 */
async function request<K extends RelayRequestName>(socket: RelaySocket, name: K, payload: RelayRequestPayload<K>): Promise<RelayResponsePayload<K>> {
  let ack: Ack<unknown>;
  try {
    ack = await (socket.timeout(REQUEST_TIMEOUT_MS) as unknown as UntypedSocket).emitWithAck(name, payload);
  } catch {
    throw new AppError(ErrorCode.Unavailable, "the stage's server did not answer; try again in a moment");
  }
  if (!ack.ok) throw new AppError(ack.error.code, ack.error.message, ack.error.details);
  const parsed = relayResponseSchemas[name].safeParse(ack.data);
  if (!parsed.success) throw new AppError(ErrorCode.Unavailable, "the stage's server answered something unexpected");
  return parsed.data as RelayResponsePayload<K>;
}
