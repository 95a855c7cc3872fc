import type { PeerInfo, ProducerInfo } from '@ca/signaling';
import type { types as ms } from 'mediasoup-client';
import type { ParticipantView } from './meetingTypes';

/** One producer of another participant, and our consumer of it once made. */
export type RemoteMedia = {
  readonly peerId: string;
  readonly info: ProducerInfo;
  consumer: ms.Consumer | null;
  /** Counts producerPaused/Resumed pushes, so a consume answer cannot undo a newer push. */
  pauseUpdates: number;
};

type RemotePeer = { peerId: string; displayName: string; media: Map<string, RemoteMedia> };

/**
 * The other participants and what they send, as the join answer and the pushes
 * describe them. Removing media closes its consumer. Mutators return whether
 * anything changed, so the owner knows when to publish a new snapshot.
 */
export class RemotePeers {
  readonly #peers = new Map<string, RemotePeer>();

  /** Adds a participant (if new) and its producers; returns the media that is new and needs consuming. */
  addPeer(info: PeerInfo): RemoteMedia[] {
    if (!this.#peers.has(info.peerId)) {
      this.#peers.set(info.peerId, { peerId: info.peerId, displayName: info.displayName, media: new Map() });
    }
    return info.producers.flatMap((producer) => this.addProducer(producer) ?? []);
  }

  removePeer(peerId: string): boolean {
    const peer = this.#peers.get(peerId);
    if (!peer) return false;
    for (const media of peer.media.values()) media.consumer?.close();
    return this.#peers.delete(peerId);
  }

  /** Records a producer of a known participant; null when the participant is unknown or the producer known. */
  addProducer(info: ProducerInfo): RemoteMedia | null {
    const peer = this.#peers.get(info.peerId);
    if (!peer || peer.media.has(info.producerId)) return null;
    const media: RemoteMedia = { peerId: info.peerId, info: { ...info }, consumer: null, pauseUpdates: 0 };
    peer.media.set(info.producerId, media);
    return media;
  }

  removeProducer(peerId: string, producerId: string): boolean {
    const peer = this.#peers.get(peerId);
    const media = peer?.media.get(producerId);
    if (!peer || !media) return false;
    media.consumer?.close();
    return peer.media.delete(producerId);
  }

  /** The server closed a consumer because its producer went away: forget that media. */
  removeConsumer(consumerId: string): boolean {
    for (const peer of this.#peers.values()) {
      for (const media of peer.media.values()) {
        if (media.consumer?.id === consumerId) return this.removeProducer(peer.peerId, media.info.producerId);
      }
    }
    return false;
  }

  /** Applies a producerPaused / producerResumed push. */
  setPaused(peerId: string, producerId: string, paused: boolean): boolean {
    const media = this.#peers.get(peerId)?.media.get(producerId);
    if (!media) return false;
    media.pauseUpdates++;
    if (media.info.paused === paused) return false;
    media.info.paused = paused;
    return true;
  }

  /** Whether this media is still part of the meeting (not closed, its participant still here). */
  isCurrent(media: RemoteMedia): boolean {
    return this.#peers.get(media.peerId)?.media.get(media.info.producerId) === media;
  }

  displayName(peerId: string): string | undefined {
    return this.#peers.get(peerId)?.displayName;
  }

  /** Closes every consumer and forgets everyone. */
  clear(): void {
    for (const peerId of [...this.#peers.keys()]) this.removePeer(peerId);
  }

  views(): ParticipantView[] {
    return [...this.#peers.values()].map((peer) => {
      const media: ParticipantView['media'] = {};
      for (const { info, consumer } of peer.media.values()) {
        media[info.source] = {
          source: info.source,
          producerId: info.producerId,
          track: consumer?.track ?? null,
          paused: info.paused,
        };
      }
      return { peerId: peer.peerId, displayName: peer.displayName, isSelf: false, media };
    });
  }
}
