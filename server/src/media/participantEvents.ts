import type { PeerInfo, ProducerInfo } from '@ca/signaling';

/** A producer and whose it is. */
export type ProducerRef = { producerId: string; peerId: string };

/**
 * What a room tells about its participants and their media: the same whether they are
 * here (a Room) or on the stage's node (an Upstream, mirrored into an overflow room).
 */
export type ParticipantEvents = {
  peerJoined: [info: PeerInfo];
  peerLeft: [peerId: string];
  /** Role, raised hand or connection of a participant changed. */
  peerUpdated: [info: PeerInfo];
  producerAdded: [info: ProducerInfo];
  producerClosed: [ref: ProducerRef];
  producerPaused: [ref: ProducerRef];
  producerResumed: [ref: ProducerRef];
  activeSpeaker: [peerId: string | null];
  /** Stage: how many watch from overflow nodes. */
  overflowAudience: [count: number];
};
