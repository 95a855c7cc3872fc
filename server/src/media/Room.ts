import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import { ErrorCode, type ErrorBody, type PeerInfo, type ProducerInfo } from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { Peer, type TransportSettings } from './Peer.js';

export type RoomOptions = {
  id: string;
  router: types.Router;
  transportSettings: TransportSettings;
  /** Most participants at once; a further join gets ROOM_FULL. */
  maxPeers: number;
};

type ProducerRef = { producerId: string; peerId: string };

type RoomEvents = {
  peerJoined: [info: PeerInfo];
  peerLeft: [peerId: string];
  producerAdded: [info: ProducerInfo];
  producerClosed: [ref: ProducerRef];
  producerPaused: [ref: ProducerRef];
  producerResumed: [ref: ProducerRef];
  /** The last participant left. */
  empty: [];
  /** The room closed; `reason` says why (shutdown, worker died, empty). */
  close: [reason: ErrorBody];
};

/**
 * A meeting room: one mediasoup Router and the participants in it. Created by
 * `Rooms.getOrCreate()`. Closing a room closes every peer (and so every transport,
 * producer and consumer) and then the router. If the router's worker dies, the
 * room closes itself with reason UNAVAILABLE.
 */
export class Room extends TypedEmitter<RoomEvents> {
  readonly id: string;
  readonly router: types.Router;
  readonly #settings: TransportSettings;
  readonly #maxPeers: number;
  readonly #peers = new Map<string, Peer>();
  #closed = false;

  constructor(options: RoomOptions) {
    super();
    this.id = options.id;
    this.router = options.router;
    this.#settings = options.transportSettings;
    this.#maxPeers = options.maxPeers;
    this.router.once('workerclose', () =>
      this.close({ code: ErrorCode.Unavailable, message: 'the media server restarted; please rejoin' }),
    );
  }

  get closed(): boolean {
    return this.#closed;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  getPeer(peerId: string): Peer | undefined {
    return this.#peers.get(peerId);
  }

  peerInfos(): PeerInfo[] {
    return [...this.#peers.values()].map((p) => p.info());
  }

  /** Adds a participant; throws ROOM_FULL past `maxPeers`, UNAVAILABLE once closed. */
  addPeer(options: { displayName: string; id?: string }): Peer {
    if (this.#closed) throw new AppError(ErrorCode.Unavailable, 'this room has closed; please rejoin');
    if (this.#peers.size >= this.#maxPeers) {
      throw new AppError(ErrorCode.RoomFull, `this room is full (${this.#maxPeers} participants)`);
    }
    const peer = new Peer({
      id: options.id ?? randomUUID(),
      displayName: options.displayName,
      router: this.router,
      transportSettings: this.#settings,
      findProducer: (producerId) => this.#findProducer(producerId),
    });
    this.#peers.set(peer.id, peer);
    const ref = (producerId: string): ProducerRef => ({ producerId, peerId: peer.id });
    peer.on('producerAdded', (info) => this.emit('producerAdded', info));
    peer.on('producerClosed', (id) => this.emit('producerClosed', ref(id)));
    peer.on('producerPaused', (id) => this.emit('producerPaused', ref(id)));
    peer.on('producerResumed', (id) => this.emit('producerResumed', ref(id)));
    peer.once('close', () => this.#onPeerClosed(peer));
    this.emit('peerJoined', peer.info());
    return peer;
  }

  /**
   * Closes the room and everything in it. Idempotent. 'close' is emitted first, while
   * the participants are still attached, so they can be told why.
   */
  close(reason: ErrorBody = { code: ErrorCode.Unavailable, message: 'the room closed' }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.emit('close', reason);
    for (const peer of [...this.#peers.values()]) peer.close();
    this.#peers.clear();
    this.router.close();
  }

  #onPeerClosed(peer: Peer): void {
    if (!this.#peers.delete(peer.id) || this.#closed) return;
    this.emit('peerLeft', peer.id);
    if (this.#peers.size === 0 && !this.#closed) this.emit('empty');
  }

  #findProducer(producerId: string): ReturnType<Peer['getProducer']> {
    for (const peer of this.#peers.values()) {
      const found = peer.getProducer(producerId);
      if (found) return found;
    }
    return undefined;
  }
}
