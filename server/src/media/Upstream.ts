import type { types } from 'mediasoup';
import type { ChatMessage, ErrorBody, PeerInfo, ProducerInfo } from '@ca/signaling';
import type { TypedEmitter } from '../lib/typedEmitter.js';
import type { ParticipantEvents } from './participantEvents.js';

/** The stage's participant events (`overflowAudience` counts this overflow node too), and more. */
export type UpstreamEvents = ParticipantEvents & {
  chatMessage: [message: ChatMessage];
  lockChanged: [locked: boolean];
  /** A host of the stage removed this user. */
  userRemoved: [userId: string];
  /** A host of the stage asked to remove this participant (if they are here). */
  removePeer: [peerId: string];
  /** The stage ended, or its node cannot be reached any more. */
  close: [reason: ErrorBody];
};

/** The stage as the overflow node first sees it. */
export type UpstreamSnapshot = {
  peers: PeerInfo[];
  locked: boolean;
  activeSpeakerPeerId: string | null;
  chat: ChatMessage[];
  overflowAudience: number;
  /** User ids the stage's hosts removed. */
  removedUsers: string[];
};

/**
 * A stage held by another node, as an overflow room on this node sees it: its
 * participants and producers (mirrored from that node's pushes), its producers on
 * demand (piped into this node's `home` router), and chat written here sent there.
 * Made by the cluster (`cluster/StageRelay`); the media layer only knows this shape.
 */
export interface Upstream extends TypedEmitter<UpstreamEvents> {
  /** The stage when the overflow room is made (later changes arrive as events). */
  snapshot(): UpstreamSnapshot;
  /** The stage's participants now, with their producers. */
  peers(): PeerInfo[];
  /** How many watch the stage from overflow nodes now. */
  readonly overflowAudience: number;
  /** The stage's producer, received on the home router (piped on first use); undefined if it is gone. */
  producer(producerId: string): Promise<{ producer: types.Producer; info: ProducerInfo } | undefined>;
  /** Posts to the stage's chat as someone watching here; resolves with the message as the stage keeps it. */
  sendChat(author: { peerId: string; displayName: string; userId: string | undefined }, text: string): Promise<ChatMessage>;
  /** Tells the stage how many watch here now (the stage's moderators see the total). */
  reportAudience(count: number): void;
  /** Tells the stage that this user was removed here at its hosts' request (it keeps them out everywhere). */
  reportRemoved(userId: string): Promise<void>;
  /**
   * The overflow room's media was rebuilt on a new `home` router (its worker died): attach
   * anew, piping into it; rejects if the stage cannot be reached. Producers are not
   * announced again (the room does, after its `mediaReset`).
   */
  rehome(home: types.Router): Promise<void>;
  close(): void;
}

/** Connects an overflow room of `roomId` to the stage's node, piping into `home`. */
export type UpstreamFactory = (roomId: string, home: types.Router) => Promise<Upstream>;
