import type { types } from 'mediasoup';
import type { ChatMessage, PeerInfo, ProducerInfo } from '@ca/signaling';
import type { RoomPolicy } from '../meeting/RoomPolicy.js';
import type { RelayPipes } from './RelayPipes.js';

/** A chat message's author as the room knows them. */
export type ChatAuthor = { peerId: string; displayName: string; userId: string | undefined };

/**
 * Where a room's participants and media come from besides its own peers: nowhere (a room
 * of its own, `OwnRoom`) or a stage held by another node that it mirrors (`OverflowMirror`).
 * The room asks its source instead of branching on whether it is an overflow room.
 */
export interface RoomSource {
  /** An overflow room: watching a stage held by another node. */
  readonly overflow: boolean;
  /** Whether the active speaker is decided elsewhere (the stage's): kept through a rebuild of this room's media. */
  readonly speakerFromElsewhere: boolean;
  /** Participants held elsewhere, listed before the room's own (with their producers). */
  peers(): PeerInfo[];
  /** How many watch the stage from overflow nodes. */
  overflowAudience(): number;
  /** How many watch in this room now (an overflow room tells the stage). */
  reportAudience(count: number): void;
  /** FORBIDDEN where raising a hand means nothing (watching from an overflow node). */
  assertMayRaiseHand(): void;
  /** Posts to the chat (an overflow room: to the stage's, which announces it back). */
  sendChat(author: ChatAuthor, text: string): Promise<ChatMessage>;
  /** A producer held elsewhere, received on the home router; undefined if there is none such. */
  producer(producerId: string): Promise<{ producer: types.Producer; info: ProducerInfo } | undefined>;
  /** The room's media moved to a new home router (its worker died); rejects if the source is lost. */
  rehome(home: types.Router): Promise<void>;
  close(): void;
}

/** A room of its own: its chat is its policy's, its overflow audience its relays' (a stage's). */
export class OwnRoom implements RoomSource {
  readonly overflow = false;
  readonly speakerFromElsewhere = false;
  readonly #policy: RoomPolicy;
  readonly #relays: RelayPipes;

  constructor(policy: RoomPolicy, relays: RelayPipes) {
    this.#policy = policy;
    this.#relays = relays;
  }

  peers(): PeerInfo[] {
    return [];
  }

  overflowAudience(): number {
    return this.#relays.audience;
  }

  reportAudience(): void {}

  assertMayRaiseHand(): void {}

  sendChat(author: ChatAuthor, text: string): Promise<ChatMessage> {
    return Promise.resolve(this.#policy.addChat({ peerId: author.peerId, displayName: author.displayName }, text));
  }

  producer(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  rehome(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {}
}
