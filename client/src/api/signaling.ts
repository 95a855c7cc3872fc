import {
  PROTOCOL_VERSION,
  SOCKET_PATH,
  errorBodySchema,
  pushSchemas,
  responseSchemas,
  roomElsewhereDetailsSchema,
  type Ack,
  type ClientToServerEvents,
  ErrorCode,
  type PushName,
  type PushPayload,
  type RequestName,
  type RequestPayload,
  type ResponsePayload,
  type ServerToClientEvents,
} from '@ca/signaling';
import { debug } from 'mediasoup-client';
import { io, type Socket } from 'socket.io-client';

import { ClientErrorCode, SignalingError } from './signalingError';

export { ClientErrorCode, isSignalingError, SignalingError, type SignalingErrorCode } from './signalingError';

const log = debug('ca:api:signaling');

export type TypedClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SignalingClientOptions = {
  /** Server origin; default: the page's own origin. */
  url?: string;
  /** How long `connect()` waits for the first connection, in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** How long a request waits for its ack, in ms. Default 10 000. */
  requestTimeoutMs?: number;
  /** Longest wait between two reconnection attempts after a dropped connection, in ms. Default 2 000. */
  reconnectDelayMaxMs?: number;
};

/**
 * 'reconnecting': the connection dropped (network, server restart) and Socket.io is
 * trying again with backoff; 'reconnected': it is back (a new socket: the meeting
 * layer must `resume`). A refusal by the server is final and goes to `onDisconnect`.
 */
export type ConnectionEvent = 'reconnecting' | 'reconnected';

export type RequestOptions = {
  /** Overrides the client's `requestTimeoutMs` for this request. */
  timeoutMs?: number;
};

type PushListener<K extends PushName> = (payload: PushPayload<K>) => void;
type LooseEmit = (event: string, payload: unknown, ack: (response: Ack<unknown>) => void) => void;
type RawSocket = {
  on(event: string, fn: (payload: unknown) => void): void;
  off(event: string, fn: (payload: unknown) => void): void;
};

/**
 * Requests about a room that a server of several nodes may answer ROOM_ELSEWHERE: the
 * client moves its connection to the node named in the details and asks again there.
 */
const FOLLOWS_ROOM: ReadonlySet<RequestName> = new Set<RequestName>(['join', 'knock', 'resume']);
/** Most moves (redirects, and retries after an unreachable node) for one request. */
const MAX_MOVES = 20;
/** Failed reconnection attempts to a node we were sent to before going back to the first address. */
const AWAY_RECONNECT_ERRORS = 3;

/**
 * The typed Socket.io connection to the signaling server: one `request()` per
 * protocol request (ack validated against the contract, typed errors, timeout)
 * and typed push subscriptions. One instance per meeting attempt; `close()` ends it.
 */
export class SignalingClient {
  #socket: TypedClientSocket;
  readonly #socketOptions: Parameters<typeof io>[1];
  /** The first address (undefined: the page's origin); the cluster's load balancer in a multi-node setup. */
  readonly #home: string | undefined;
  /** The node a ROOM_ELSEWHERE sent us to; undefined while at home. */
  #away: string | undefined;
  readonly #pushHandlers = new Set<{ name: string; handler: (payload: unknown) => void }>();
  readonly #requestTimeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #pending = new Set<(error: SignalingError) => void>();
  readonly #disconnectListeners = new Set<(error: SignalingError) => void>();
  readonly #connectionListeners = new Set<(event: ConnectionEvent) => void>();
  #closed = false;
  /** The connection dropped after it had been up; Socket.io is reconnecting. */
  #dropped = false;
  readonly #onOffline = () => {
    // The browser knows the network is gone long before a ping times out: drop the transport now.
    if (this.#socket.connected) this.#socket.io.engine?.close();
  };

  constructor(options: SignalingClientOptions = {}) {
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#socketOptions = {
      path: SOCKET_PATH,
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      autoConnect: false,
      // A dropped connection is retried; the server keeps the peer for a grace period so the meeting can `resume`.
      reconnection: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: options.reconnectDelayMaxMs ?? 2_000,
      randomizationFactor: 0.3,
      // A socket of its own per connection: moving to another node must not share a Manager.
      forceNew: true,
    };
    this.#home = options.url;
    this.#socket = this.#open(options.url);
    if (typeof window !== 'undefined') window.addEventListener('offline', this.#onOffline);
  }

  /** A new socket to `url` (undefined: the page's origin) with our listeners and every push subscription. */
  #open(url: string | undefined): TypedClientSocket {
    const socket: TypedClientSocket = url === undefined ? io(this.#socketOptions) : io(url, this.#socketOptions);
    socket.on('disconnect', (reason) => {
      log('disconnected: %s', reason);
      const error = new SignalingError(ClientErrorCode.Disconnected, `connection closed (${reason})`);
      this.#rejectPending(error);
      if (reason === 'io client disconnect') return;
      if (socket.active) {
        // Not refused by the server: Socket.io reconnects by itself.
        this.#dropped = true;
        this.#emitConnection('reconnecting');
        return;
      }
      this.#emitDisconnect(error);
    });
    socket.on('connect', () => {
      if (!this.#dropped) return;
      this.#dropped = false;
      log('reconnected');
      this.#emitConnection('reconnected');
    });
    socket.on('connect_error', (err) => {
      // While reconnecting, a handshake refusal (e.g. a newer server) ends the attempts.
      if (!this.#dropped || socket.active) return;
      const body = errorBodySchema.safeParse((err as Error & { data?: unknown }).data);
      this.#emitDisconnect(
        body.success ? new SignalingError(body.data.code, body.data.message) : new SignalingError(ClientErrorCode.ConnectFailed, err.message),
      );
    });
    let awayErrors = 0;
    socket.io.on('reconnect_error', () => {
      // The node we were sent to is gone (it died or drains): go back to the first address; the
      // room will be found (or placed anew) from there.
      if (this.#away === undefined || this.#closed || ++awayErrors < AWAY_RECONNECT_ERRORS) return;
      log('%s unreachable; back to the first address', this.#away);
      this.#moveTo(this.#home).connect();
    });
    for (const { name, handler } of this.#pushHandlers) (socket as unknown as RawSocket).on(name, handler);
    return socket;
  }

  /** Replaces the socket with one to `url`; the old one is closed silently. Returns the new one (not yet connected). */
  #moveTo(url: string | undefined): TypedClientSocket {
    const old = this.#socket;
    old.removeAllListeners();
    old.io.removeAllListeners();
    old.disconnect();
    this.#away = url === this.#home ? undefined : url;
    this.#socket = this.#open(url);
    return this.#socket;
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /**
   * Opens the connection. Rejects with `UNSUPPORTED_PROTOCOL` or `ORIGIN_NOT_ALLOWED`
   * when the server refuses the handshake, `CONNECT_FAILED` when it cannot be reached.
   */
  connect(): Promise<void> {
    if (this.#closed) return Promise.reject(new SignalingError(ClientErrorCode.Disconnected, 'client is closed'));
    if (this.#socket.connected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: SignalingError) => {
        clearTimeout(timer);
        this.#pending.delete(finish);
        this.#socket.off('connect', onConnect);
        this.#socket.off('connect_error', onError);
        if (error) {
          this.#socket.disconnect();
          reject(error);
        } else resolve();
      };
      const onConnect = () => finish();
      const onError = (err: Error) => {
        log('connect_error: %s', err.message);
        const body = errorBodySchema.safeParse((err as Error & { data?: unknown }).data);
        if (body.success) finish(new SignalingError(body.data.code, body.data.message));
        else finish(new SignalingError(ClientErrorCode.ConnectFailed, err.message));
      };
      const timer = setTimeout(
        () => finish(new SignalingError(ClientErrorCode.ConnectFailed, 'the server did not answer in time')),
        this.#connectTimeoutMs,
      );
      this.#pending.add(finish); // close() while connecting rejects with DISCONNECTED
      this.#socket.on('connect', onConnect);
      this.#socket.on('connect_error', onError);
      this.#socket.connect();
    });
  }

  /**
   * Sends one protocol request and resolves with the ack's data. Rejects with a
   * `SignalingError`: the server's code for a refusal, or TIMEOUT, DISCONNECTED,
   * BAD_RESPONSE. `join`, `knock` and `resume` answered ROOM_ELSEWHERE (a cluster:
   * the room is on another node) move the connection to that node and are asked
   * again there; pushes subscribed with `onPush` follow.
   */
  request<K extends RequestName>(name: K, payload: RequestPayload<K>, options: RequestOptions = {}): Promise<ResponsePayload<K>> {
    return FOLLOWS_ROOM.has(name) ? this.#follow(name, payload, options) : this.#send(name, payload, options);
  }

  /** `request()` that follows ROOM_ELSEWHERE to the node holding the room. */
  async #follow<K extends RequestName>(name: K, payload: RequestPayload<K>, options: RequestOptions): Promise<ResponsePayload<K>> {
    for (let moves = 0; ; moves++) {
      let target: string;
      try {
        return await this.#send(name, payload, options);
      } catch (error) {
        const details =
          error instanceof SignalingError && error.code === ErrorCode.RoomElsewhere ? roomElsewhereDetailsSchema.safeParse(error.details) : undefined;
        if (!details?.success || moves >= MAX_MOVES || this.#closed) throw error;
        target = details.data.url;
      }
      log('%s: the room is on %s; moving there', name, target);
      try {
        this.#moveTo(target);
        await this.connect();
      } catch (error) {
        if (this.#closed) throw error;
        // That node does not answer (it may have just died and not yet expired): back to the
        // first address, which redirects again or, once the node is known dead, serves the room.
        log('%s unreachable (%o); back to the first address', target, error);
        this.#moveTo(this.#home);
        await this.connect();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  #send<K extends RequestName>(name: K, payload: RequestPayload<K>, options: RequestOptions): Promise<ResponsePayload<K>> {
    if (this.#closed || !this.#socket.connected) {
      return Promise.reject(new SignalingError(ClientErrorCode.Disconnected, 'not connected', name));
    }
    const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
    return new Promise<ResponsePayload<K>>((resolve, reject) => {
      const settle = (error: SignalingError | undefined, data?: ResponsePayload<K>) => {
        clearTimeout(timer);
        this.#pending.delete(fail);
        if (error) reject(error);
        else resolve(data as ResponsePayload<K>);
      };
      const fail = (error: SignalingError) => settle(new SignalingError(error.code, error.message, name));
      const timer = setTimeout(() => settle(new SignalingError(ClientErrorCode.Timeout, `no answer to ${name} in ${timeoutMs} ms`, name)), timeoutMs);
      this.#pending.add(fail);
      log('→ %s', name);
      (this.#socket.emit as unknown as LooseEmit)(name, payload, (response) => {
        if (!this.#pending.has(fail)) return; // timed out or disconnected already
        if (response?.ok === false) {
          const body = errorBodySchema.safeParse(response.error);
          log('← %s refused: %o', name, response.error);
          settle(
            body.success
              ? new SignalingError(body.data.code, body.data.message, name, body.data.details)
              : new SignalingError(ClientErrorCode.BadResponse, 'malformed error ack', name),
          );
          return;
        }
        const data = responseSchemas[name].safeParse(response?.ok === true ? response.data : undefined);
        if (!data.success) {
          log('← %s malformed: %o', name, data.error.issues);
          settle(new SignalingError(ClientErrorCode.BadResponse, `malformed answer to ${name}`, name));
          return;
        }
        log('← %s ok', name);
        settle(undefined, data.data as ResponsePayload<K>);
      });
    });
  }

  /** Listens to one server push; payloads that break the contract are dropped. Returns an unsubscribe function. */
  onPush<K extends PushName>(name: K, listener: PushListener<K>): () => void {
    const schema = pushSchemas[name];
    const handler = (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        log('push %s dropped, malformed: %o', name, parsed.error.issues);
        return;
      }
      log('push %s', name);
      listener(parsed.data as PushPayload<K>);
    };
    // Kept, so a socket opened after a move to another node gets it too.
    const entry = { name, handler };
    this.#pushHandlers.add(entry);
    (this.#socket as unknown as RawSocket).on(name, handler);
    return () => {
      this.#pushHandlers.delete(entry);
      (this.#socket as unknown as RawSocket).off(name, handler);
    };
  }

  /**
   * Called once when the connection ends for good without `close()`: the server
   * disconnected this socket or refused the reconnection.
   */
  onDisconnect(listener: (error: SignalingError) => void): () => void {
    this.#disconnectListeners.add(listener);
    return () => this.#disconnectListeners.delete(listener);
  }

  /** Dropped-and-retrying and back-again events (see `ConnectionEvent`). */
  onConnection(listener: (event: ConnectionEvent) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  /** Closes the connection; pending requests reject with DISCONNECTED. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#disconnectListeners.clear();
    this.#connectionListeners.clear();
    if (typeof window !== 'undefined') window.removeEventListener('offline', this.#onOffline);
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
    this.#rejectPending(new SignalingError(ClientErrorCode.Disconnected, 'connection closed'));
  }

  #emitConnection(event: ConnectionEvent): void {
    for (const listener of [...this.#connectionListeners]) listener(event);
  }

  /** The end: no more reconnection attempts. */
  #emitDisconnect(error: SignalingError): void {
    this.#dropped = false;
    this.#socket.disconnect();
    this.#rejectPending(error);
    const listeners = [...this.#disconnectListeners];
    this.#disconnectListeners.clear();
    for (const listener of listeners) listener(error);
  }

  #rejectPending(error: SignalingError): void {
    for (const fail of [...this.#pending]) fail(error);
  }
}
