import type { types } from 'mediasoup';
import { io, type Socket } from 'socket.io-client';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  pushSchemas,
  responseSchemas,
  SOCKET_PATH,
  type Ack,
  type ClientToServerEvents,
  type PushName,
  type PushPayload,
  type RequestName,
  type RequestPayload,
  type ResponsePayload,
  type ServerToClientEvents,
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

type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The same socket seen untyped: pushes are validated here before use, acks after. */
type UntypedSocket = {
  on(event: string, listener: (raw: unknown) => void): unknown;
  emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>>;
};

/**
 * One attachment of an overflow node to a stage on its node: the Socket.io connection
 * (as a relay: `relayJoin` with a relay token) and the NodePipe whose two ends it
 * connected. Requests and pushes are checked against the contract like any input.
 * It does not reconnect; the StageRelay makes a new one when needed.
 */
export class StageLink {
  readonly pipe: NodePipe;
  /** The stage as it was when the link was made. */
  readonly joined: ResponsePayload<'relayJoin'>;
  readonly #socket: RelaySocket;
  readonly #log: Logger;

  private constructor(socket: RelaySocket, pipe: NodePipe, joined: ResponsePayload<'relayJoin'>, log: Logger) {
    this.#socket = socket;
    this.pipe = pipe;
    this.joined = joined;
    this.#log = log;
  }

  /** Attaches, piping into `home`, and connects the pipe both ways; UNAVAILABLE if the stage's node does not take it. */
  static async attach(address: StageAddress, home: types.Router, log: Logger): Promise<StageLink> {
    const pipe = await NodePipe.create(home, address.listen);
    const socket: RelaySocket = io(address.origin.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
      timeout: REQUEST_TIMEOUT_MS,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      const token = signRelayToken({ room: address.roomId, node: address.nodeId }, address.secret, address.now());
      const joined = await request(socket, 'relayJoin', { roomId: address.roomId, token, pipe: pipe.tuple });
      await pipe.connect(joined.pipe);
      log.info({ peers: joined.peers.length }, 'relaying a stage from its node');
      return new StageLink(socket, pipe, joined, log);
    } catch (err) {
      socket.close();
      pipe.close();
      log.warn({ err }, 'could not attach to the stage on its node');
      throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; try again in a moment");
    }
  }

  request<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
    return request(this.#socket, name, payload);
  }

  /** A push from the stage's node, validated (a malformed one is logged and dropped). */
  on<K extends PushName>(name: K, handler: (payload: PushPayload<K>) => void): void {
    (this.#socket as unknown as UntypedSocket).on(name, (raw) => {
      const parsed = pushSchemas[name].safeParse(raw);
      if (parsed.success) handler(parsed.data as PushPayload<K>);
      else this.#log.warn({ push: name }, 'malformed push from the stage node ignored');
    });
  }

  onDisconnect(handler: () => void): void {
    this.#socket.on('disconnect', handler);
  }

  /** Ends the link: no more pushes or disconnect calls; the stage's node closes its end of the pipe. */
  close(): void {
    this.#socket.removeAllListeners();
    this.#socket.close();
    this.pipe.close();
  }
}

/** One request: typed ack within REQUEST_TIMEOUT_MS, its answer validated; an error ack throws it. */
async function request<K extends RequestName>(socket: RelaySocket, name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
  const ack = await (socket.timeout(REQUEST_TIMEOUT_MS) as unknown as UntypedSocket).emitWithAck(name, payload);
  if (!ack.ok) throw new AppError(ack.error.code, ack.error.message, ack.error.details);
  return responseSchemas[name].parse(ack.data) as ResponsePayload<K>;
}
