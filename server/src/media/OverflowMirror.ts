import type { types } from 'mediasoup';
import { ErrorCode, type ChatMessage, type ErrorBody, type PeerInfo, type ProducerInfo } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { RoomPolicy } from '../meeting/RoomPolicy.js';
import type { ParticipantEvents } from './participantEvents.js';
import type { Peer } from './Peer.js';
import type { ChatAuthor, RoomSource } from './roomSource.js';
import type { Upstream } from './Upstream.js';

/** What the mirror may do to its overflow room. */
export type MirrorTarget = {
  policy: RoomPolicy;
  /** Tells the room's participants a stage event, as if it happened here. */
  announce<K extends keyof ParticipantEvents>(event: K, ...args: ParticipantEvents[K]): void;
  /** A stage producer closed: the room forgets where it piped it. */
  forgetProducer(producerId: string): void;
  /** The stage's loudest speaker, which the room reports as its own. */
  setActiveSpeaker(peerId: string | null): void;
  /** The room's own peer with this id, if any. */
  localPeer(peerId: string): Peer | undefined;
  /** The stage's hosts removed these peers here: the room tells them and lets them go. */
  removePeers(peers: Peer[]): void;
  /** The room's own peers of one user. */
  peersOf(userId: string): Peer[];
  close(reason: ErrorBody): void;
};

/**
 * An overflow room's view of its stage on another node: the room starts from the stage's
 * snapshot (speaker, lock, chat, removed users), re-announces the stage's participant events
 * to its own viewers, keeps users the stage's hosts removed out, and ends with the stage.
 */
export class OverflowMirror implements RoomSource {
  readonly overflow = true;
  readonly speakerFromElsewhere = true;
  readonly #upstream: Upstream;
  readonly #room: MirrorTarget;

  constructor(upstream: Upstream, room: MirrorTarget) {
    this.#upstream = upstream;
    this.#room = room;
    const snapshot = upstream.snapshot();
    room.setActiveSpeaker(snapshot.activeSpeakerPeerId);
    room.policy.setLocked(snapshot.locked);
    for (const message of snapshot.chat) room.policy.recordChat(message);
    for (const userId of snapshot.removedUsers) room.policy.removeUser(userId);
    this.#follow();
  }

  peers(): PeerInfo[] {
    return this.#upstream.peers();
  }

  overflowAudience(): number {
    return this.#upstream.overflowAudience;
  }

  reportAudience(count: number): void {
    this.#upstream.reportAudience(count);
  }

  assertMayRaiseHand(): void {
    throw new AppError(ErrorCode.Forbidden, 'you are watching from an overflow server: raising a hand is for the audience in the main room');
  }

  sendChat(author: ChatAuthor, text: string): Promise<ChatMessage> {
    return this.#upstream.sendChat(author, text);
  }

  producer(producerId: string): Promise<{ producer: types.Producer; info: ProducerInfo } | undefined> {
    return this.#upstream.producer(producerId);
  }

  rehome(home: types.Router): Promise<void> {
    return this.#upstream.rehome(home);
  }

  close(): void {
    this.#upstream.close();
  }

  #follow(): void {
    const upstream = this.#upstream;
    const room = this.#room;
    upstream.on('peerJoined', (info) => room.announce('peerJoined', info));
    upstream.on('peerLeft', (peerId) => room.announce('peerLeft', peerId));
    upstream.on('peerUpdated', (info) => room.announce('peerUpdated', info));
    upstream.on('producerAdded', (info) => room.announce('producerAdded', info));
    upstream.on('producerClosed', (ref) => {
      room.forgetProducer(ref.producerId);
      room.announce('producerClosed', ref);
    });
    upstream.on('producerPaused', (ref) => room.announce('producerPaused', ref));
    upstream.on('producerResumed', (ref) => room.announce('producerResumed', ref));
    upstream.on('activeSpeaker', (peerId) => {
      room.setActiveSpeaker(peerId);
      room.announce('activeSpeaker', peerId);
    });
    upstream.on('overflowAudience', (count) => room.announce('overflowAudience', count));
    upstream.on('chatMessage', (message) => room.policy.recordChat(message));
    upstream.on('lockChanged', (locked) => room.policy.setLocked(locked));
    upstream.on('userRemoved', (userId) => this.#removeUser(userId));
    upstream.on('removePeer', (peerId) => this.#removePeer(peerId));
    upstream.once('close', (reason) => room.close(reason));
  }

  /** Keeps a user the stage's hosts removed out, and ends their visits here. */
  #removeUser(userId: string): void {
    this.#room.policy.removeUser(userId);
    const theirs = this.#room.peersOf(userId);
    if (theirs.length > 0) this.#room.removePeers(theirs);
  }

  /** The stage's hosts asked to remove a viewer, perhaps one of ours. */
  #removePeer(peerId: string): void {
    const peer = this.#room.localPeer(peerId);
    if (!peer) return;
    if (peer.userId === undefined) {
      this.#room.removePeers([peer]); // demo rooms have no accounts: this visit only
      return;
    }
    // Told first (before the room may empty and let go of the stage), then out.
    const userId = peer.userId;
    void this.#upstream.reportRemoved(userId).finally(() => this.#removeUser(userId));
  }
}
