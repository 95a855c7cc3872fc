import type { types } from 'mediasoup';
import { io, type Socket } from 'socket.io-client';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  pushSchemas,
  responseSchemas,
  SOCKET_PATH,
  type Ack,
  type ChatMessage,
  type ClientToServerEvents,
  type ErrorBody,
  type PeerInfo,
  type ProducerInfo,
  type PushName,
  type PushPayload,
  type RequestName,
  type RequestPayload,
  type ResponsePayload,
  type ServerToClientEvents,
} from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import type { Logger } from '../logger.js';
import { NodePipe, type PipeListen } from '../media/NodePipe.js';
import type { Upstream, UpstreamEvents, UpstreamSnapshot } from '../media/Upstream.js';
import { signRelayToken } from '../security/relayTokens.js';

/** How long the stage's node has to answer one relay request. */
const REQUEST_TIMEOUT_MS = 5_000;
/** Most often the overflow node tells the stage how many watch here. */
const AUDIENCE_INTERVAL_MS = 1_000;

export type StageRelayOptions = {
  roomId: string;
  /** The node that holds the stage. */
  origin: { id: string; url: string };
  /** This (overflow) node's id, named in the relay token. */
  nodeId: string;
  /** The cluster's shared meeting secret (relay tokens are derived from it). */
  secret: string;
  /** The overflow room's home router: the stage's producers arrive there. */
  home: types.Router;
  listen: PipeListen;
  log: Logger;
  now: () => number;
};

type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The same socket seen untyped: pushes are validated here before use, acks after. */
type UntypedSocket = {
  on(event: string, listener: (raw: unknown) => void): unknown;
  emitWithAck(event: string, payload: unknown): Promise<Ack<unknown>>;
};

const gone = (message: string): ErrorBody => ({ code: ErrorCode.Unavailable, message });

/**
 * The overflow node's link to a stage held by another node: a Socket.io connection to
 * that node as a relay (`relayJoin` with a relay token), over which it gets the stage's
 * pushes and asks for producers (`relayConsume`), and a NodePipe (PipeTransport) that
 * carries the media. It keeps the stage's participants mirrored for the overflow room
 * and receives each producer once, on first demand, whoever here watches it.
 * The link does not reconnect: if the stage's node goes away, the stage restarts or its
 * media is rebuilt, the overflow room closes and its viewers rejoin.
 */
export class StageRelay extends TypedEmitter<UpstreamEvents> implements Upstream {
  readonly #socket: RelaySocket;
  readonly #pipe: NodePipe;
  readonly #log: Logger;
  readonly #peers = new Map<string, PeerInfo>();
  readonly #receiving = new Map<string, Promise<types.Producer>>();
  #locked: boolean;
  #activeSpeaker: string | null;
  readonly #chat: ChatMessage[];
  #overflowAudience: number;
  /** Viewers here now, and as last told to the stage. */
  #audience = 0;
  #reported = 0;
  #audienceTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(socket: RelaySocket, pipe: NodePipe, joined: ResponsePayload<'relayJoin'>, log: Logger) {
    super();
    this.#socket = socket;
    this.#pipe = pipe;
    this.#log = log;
    for (const peer of joined.peers) this.#peers.set(peer.peerId, peer);
    this.#locked = joined.room.locked;
    this.#activeSpeaker = joined.room.activeSpeakerPeerId;
    this.#chat = joined.room.chat;
    this.#overflowAudience = joined.room.overflowAudience ?? 0;
    this.#listen();
  }

  /** Attaches to the stage on its node and connects the pipe both ways; UNAVAILABLE if that node does not take it. */
  static async connect(options: StageRelayOptions): Promise<StageRelay> {
    const log = options.log.child({ roomId: options.roomId, origin: options.origin.id });
    const pipe = await NodePipe.create(options.home, options.listen);
    const socket: RelaySocket = io(options.origin.url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      timeout: REQUEST_TIMEOUT_MS,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      const token = signRelayToken({ room: options.roomId, node: options.nodeId }, options.secret, options.now());
      const joined = await request(socket, 'relayJoin', { roomId: options.roomId, token, pipe: pipe.tuple });
      await pipe.connect(joined.pipe);
      log.info({ peers: joined.peers.length }, 'relaying a stage from its node');
      return new StageRelay(socket, pipe, joined, log);
    } catch (err) {
      socket.close();
      pipe.close();
      log.warn({ err }, 'could not attach to the stage on its node');
      throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; try again in a moment");
    }
  }

  snapshot(): UpstreamSnapshot {
    return {
      peers: [...this.#peers.values()],
      locked: this.#locked,
      activeSpeakerPeerId: this.#activeSpeaker,
      chat: [...this.#chat],
      overflowAudience: this.#overflowAudience,
    };
  }

  async producer(producerId: string): Promise<{ producer: types.Producer; info: ProducerInfo } | undefined> {
    if (this.#closed || !this.#infoOf(producerId)) return undefined;
    let pending = this.#receiving.get(producerId);
    if (!pending) {
      pending = request(this.#socket, 'relayConsume', { producerId }).then((piped) => this.#pipe.receive(piped));
      this.#receiving.set(producerId, pending);
      pending.catch(() => this.#receiving.delete(producerId));
    }
    const producer = await pending.catch((err: unknown) => {
      this.#log.debug({ err, producerId }, 'producer not received');
      return undefined;
    });
    // It may have closed (or the link ended) while it was on its way.
    const info = this.#infoOf(producerId);
    if (!producer || producer.closed || !info) return undefined;
    return { producer, info };
  }

  async sendChat(author: { peerId: string; displayName: string }, text: string): Promise<ChatMessage> {
    const { message } = await request(this.#socket, 'relayChat', { ...author, text });
    return message;
  }

  /** At once for the first change, then at most once per AUDIENCE_INTERVAL_MS with the latest count. */
  reportAudience(count: number): void {
    this.#audience = count;
    if (!this.#audienceTimer) this.#flushAudience();
  }

  close(): void {
    this.#end(undefined);
  }

  #flushAudience(): void {
    if (this.#closed || this.#audience === this.#reported) return;
    this.#reported = this.#audience;
    request(this.#socket, 'relayAudience', { count: this.#audience }).catch((err: unknown) =>
      this.#log.debug({ err }, 'audience count not delivered'),
    );
    this.#audienceTimer = setTimeout(() => {
      this.#audienceTimer = undefined;
      this.#flushAudience();
    }, AUDIENCE_INTERVAL_MS);
  }

  #end(reason: ErrorBody | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#audienceTimer);
    this.#socket.close();
    this.#pipe.close();
    this.#receiving.clear();
    if (reason) {
      this.#log.info({ reason: reason.code }, 'stage relay ended');
      this.emit('close', reason);
    }
  }

  #infoOf(producerId: string): ProducerInfo | undefined {
    for (const peer of this.#peers.values()) {
      const found = peer.producers.find((p) => p.producerId === producerId);
      if (found) return found;
    }
    return undefined;
  }

  #setProducer(producerId: string, change: (list: ProducerInfo[]) => ProducerInfo[]): void {
    for (const [peerId, peer] of this.#peers) {
      if (peer.producers.some((p) => p.producerId === producerId)) this.#peers.set(peerId, { ...peer, producers: change(peer.producers) });
    }
  }

  /** Mirrors the stage's pushes (validated like any input) and passes them on to the overflow room. */
  #listen(): void {
    const on = <K extends PushName>(name: K, handler: (payload: PushPayload<K>) => void) => {
      (this.#socket as unknown as UntypedSocket).on(name, (raw) => {
        const parsed = pushSchemas[name].safeParse(raw);
        if (parsed.success) handler(parsed.data as PushPayload<K>);
        else this.#log.warn({ push: name }, 'malformed push from the stage node ignored');
      });
    };
    on('peerJoined', ({ peer }) => {
      this.#peers.set(peer.peerId, peer);
      this.emit('peerJoined', peer);
    });
    on('peerLeft', ({ peerId }) => {
      if (this.#peers.delete(peerId)) this.emit('peerLeft', peerId);
    });
    on('peerUpdated', ({ peer }) => {
      this.#peers.set(peer.peerId, peer);
      this.emit('peerUpdated', peer);
    });
    on('producerAdded', ({ producer }) => {
      const peer = this.#peers.get(producer.peerId);
      if (peer) this.#peers.set(peer.peerId, { ...peer, producers: [...peer.producers.filter((p) => p.producerId !== producer.producerId), producer] });
      this.emit('producerAdded', producer);
    });
    on('producerClosed', (ref) => {
      this.#setProducer(ref.producerId, (list) => list.filter((p) => p.producerId !== ref.producerId));
      this.#pipe.received(ref.producerId)?.close();
      this.#receiving.delete(ref.producerId);
      this.emit('producerClosed', ref);
    });
    const pausing = (paused: boolean) => (ref: { producerId: string; peerId: string }) => {
      this.#setProducer(ref.producerId, (list) => list.map((p) => (p.producerId === ref.producerId ? { ...p, paused } : p)));
      const producer = this.#pipe.received(ref.producerId);
      void (paused ? producer?.pause() : producer?.resume())?.catch(() => undefined);
      this.emit(paused ? 'producerPaused' : 'producerResumed', ref);
    };
    on('producerPaused', pausing(true));
    on('producerResumed', pausing(false));
    on('activeSpeaker', ({ peerId }) => {
      this.#activeSpeaker = peerId;
      this.emit('activeSpeaker', peerId);
    });
    on('chatMessage', ({ message }) => this.emit('chatMessage', message));
    on('roomLockChanged', ({ locked }) => {
      this.#locked = locked;
      this.emit('lockChanged', locked);
    });
    on('overflowAudience', ({ count }) => {
      this.#overflowAudience = count;
      this.emit('overflowAudience', count);
    });
    on('mediaReset', () => this.#end(gone("the stage's media server restarted; please rejoin")));
    on('roomClosed', ({ reason }) => this.#end(reason));
    this.#socket.on('disconnect', () => this.#end(gone("the connection to the stage's server was lost; please rejoin")));
  }
}

/** One request to the stage's node: typed ack within REQUEST_TIMEOUT_MS, its answer validated; an error ack throws it. */
async function request<K extends RequestName>(socket: RelaySocket, name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
  const ack = await (socket.timeout(REQUEST_TIMEOUT_MS) as unknown as UntypedSocket).emitWithAck(name, payload);
  if (!ack.ok) throw new AppError(ack.error.code, ack.error.message, ack.error.details);
  return responseSchemas[name].parse(ack.data) as ResponsePayload<K>;
}
