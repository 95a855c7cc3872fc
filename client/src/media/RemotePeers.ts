import type { ParticipantRole, PeerInfo, ProducerInfo } from '@ca/signaling';
import type { types as ms } from 'mediasoup-client';
import type { ConnectionQuality } from './networkQuality';
import type { ParticipantView } from './meetingTypes';

/** A participant as the roster knows them; their media, speaking and quality come from the media engine. */
export type RosterView = Omit<ParticipantView, 'media' | 'speaking' | 'quality'>;

/** One producer of another participant, and our consumer of it once made. */
export type RemoteMedia = {
  readonly peerId: string;
  readonly info: ProducerInfo;
  consumer: ms.Consumer | null;
  /** A consume request is in flight. */
  consuming: boolean;
  /** Counts producerPaused/Resumed pushes, so a consume answer cannot undo a newer push. */
  pauseUpdates: number;
  /** Whether we asked the server to pause this consumer (hidden tile, audio-first). */
  pausedByUs: boolean;
  /** The last spatial layer asked for with setPreferredLayers. */
  preferredLayer: number | null;
};

type RemotePeer = {
  peerId: string;
  displayName: string;
  role: ParticipantRole;
  handRaised: boolean;
  away: boolean;
  quality: ConnectionQuality | null;
  media: Map<string, RemoteMedia>;
  /** Their identity on another media engine (a LiveKit stage). */
  mediaIdentity: string | undefined;
  /** An assigned interpreter (heard through their channel). */
  interpreter: boolean;
};

/**
 * The other participants and what they send, as the join answer and the pushes
 * describe them. Removing media closes its consumer. Mutators return whether
 * anything changed, so the owner knows when to publish a new snapshot.
 */
export class RemotePeers {
  readonly #peers = new Map<string, RemotePeer>();

  /** Adds a participant (if new; else updates it) and its producers; returns the media that is new and needs consuming. */
  addPeer(info: PeerInfo): RemoteMedia[] {
    const known = this.#peers.get(info.peerId);
    if (known) this.updatePeer(info);
    else {
      this.#peers.set(info.peerId, {
        peerId: info.peerId,
        displayName: info.displayName,
        role: info.role,
        handRaised: info.handRaised,
        away: info.away,
        quality: null,
        media: new Map(),
        mediaIdentity: info.mediaIdentity,
        interpreter: info.interpreter === true,
      });
    }
    return info.producers.flatMap((producer) => this.addProducer(producer) ?? []);
  }

  /** Role, raised hand, connection and name of a known participant. */
  updatePeer(info: PeerInfo): boolean {
    const peer = this.#peers.get(info.peerId);
    if (!peer) return false;
    const changed =
      peer.role !== info.role || peer.handRaised !== info.handRaised || peer.away !== info.away || peer.displayName !== info.displayName;
    Object.assign(peer, { role: info.role, handRaised: info.handRaised, away: info.away, displayName: info.displayName });
    return changed;
  }

  setQuality(peerId: string, quality: ConnectionQuality | null): boolean {
    const peer = this.#peers.get(peerId);
    if (!peer || peer.quality === quality) return false;
    peer.quality = quality;
    return true;
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
    // A participant sends one producer per source: a new one replaces the old (re-produced after a reset).
    for (const old of peer.media.values()) {
      if (old.info.source === info.source) this.removeProducer(info.peerId, old.info.producerId);
    }
    const media: RemoteMedia = {
      peerId: info.peerId,
      info: { ...info },
      consumer: null,
      consuming: false,
      pauseUpdates: 0,
      pausedByUs: false,
      preferredLayer: null,
    };
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
    const media = this.media().find((m) => m.consumer?.id === consumerId);
    return media ? this.removeProducer(media.peerId, media.info.producerId) : false;
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

  /**
   * Makes the list match the server's (after a resume): participants who are gone
   * are removed, new ones added, and each participant's producers made to match.
   * Returns the media that needs consuming (new, or without a consumer yet).
   */
  reconcile(peers: readonly PeerInfo[]): RemoteMedia[] {
    const current = new Set(peers.map((p) => p.peerId));
    for (const peerId of [...this.#peers.keys()]) if (!current.has(peerId)) this.removePeer(peerId);
    for (const info of peers) {
      this.addPeer(info);
      const peer = this.#peers.get(info.peerId);
      if (!peer) continue;
      const producers = new Map(info.producers.map((p) => [p.producerId, p]));
      for (const media of [...peer.media.values()]) {
        const now = producers.get(media.info.producerId);
        if (!now) this.removeProducer(peer.peerId, media.info.producerId);
        else if (now.paused !== media.info.paused) this.setPaused(peer.peerId, now.producerId, now.paused);
      }
    }
    return this.media().filter((m) => !m.consumer && !m.consuming);
  }

  /** Forgets every producer (their consumers are closed) but keeps the participants: a media reset. */
  dropAllMedia(): void {
    for (const peer of this.#peers.values()) {
      for (const media of peer.media.values()) media.consumer?.close();
      peer.media.clear();
    }
  }

  /** Whether this media is still part of the meeting (not closed, its participant still here). */
  isCurrent(media: RemoteMedia): boolean {
    return this.#peers.get(media.peerId)?.media.get(media.info.producerId) === media;
  }

  displayName(peerId: string): string | undefined {
    return this.#peers.get(peerId)?.displayName;
  }

  /** Every known media of everyone. */
  media(): RemoteMedia[] {
    return [...this.#peers.values()].flatMap((peer) => [...peer.media.values()]);
  }

  peerIds(): string[] {
    return [...this.#peers.keys()];
  }

  /** Closes every consumer and forgets everyone. */
  clear(): void {
    for (const peerId of [...this.#peers.keys()]) this.removePeer(peerId);
  }

  /** Everyone here, without their media (the media engine supplies it). */
  roster(): RosterView[] {
    return [...this.#peers.values()].map((peer) => ({
      peerId: peer.peerId,
      displayName: peer.displayName,
      isSelf: false,
      role: peer.role,
      handRaised: peer.handRaised,
      away: peer.away,
      ...(peer.mediaIdentity !== undefined && { mediaIdentity: peer.mediaIdentity }),
      ...(peer.interpreter && { interpreter: true }),
    }));
  }

  /** What a participant sends, as consumed here (a track once its consumer is up). */
  mediaOf(peerId: string): ParticipantView['media'] {
    const media: ParticipantView['media'] = {};
    for (const { info, consumer } of this.#peers.get(peerId)?.media.values() ?? []) {
      media[info.source] = {
        source: info.source,
        producerId: info.producerId,
        track: consumer?.track ?? null,
        paused: info.paused,
        ...(info.language !== undefined && { language: info.language }),
      };
    }
    return media;
  }

  /** How well a participant's media reaches us (their own report); null until known. */
  quality(peerId: string): ConnectionQuality | null {
    return this.#peers.get(peerId)?.quality ?? null;
  }
}
