import type { HostMuteSource } from '@ca/signaling';
import type { LocalSource, LocalSourceView, ParticipantView, VideoView } from '../meetingTypes';
import type { ConnectionQuality } from '../networkQuality';
import type { QualityMonitor } from '../QualityMonitor';
import type { Receiver } from '../Receiver';
import type { Sender } from '../Sender';
import type { MediaEngine } from './MediaEngine';

export type MediasoupEngineParts = {
  sender: Sender;
  receiver: Receiver;
  quality: QualityMonitor;
  /** Our peer id (the identity of our media on this engine); null before the join. */
  selfPeerId: () => string | null;
  /** Who the room's active-speaker observer names (our SFU decides, not the browser). */
  activeSpeaker: () => string | null;
};

/**
 * Our own SFU as a media engine: the Sender's producers and the Receiver's consumers over the
 * meeting's mediasoup transports. Identities are peer ids. Its signaling is the meeting's own
 * Socket.io, so the Participation sets the transports up as part of the join and after a reset;
 * connect() only starts the quality sampling, and its parts report changes through the meeting context.
 */
export class MediasoupEngine implements MediaEngine {
  readonly kind = 'sfu';
  readonly #parts: MediasoupEngineParts;

  constructor(parts: MediasoupEngineParts) {
    this.#parts = parts;
  }

  connect(): Promise<void> {
    this.#parts.quality.start(); // samples once the meeting is live
    return Promise.resolve();
  }

  async setSending(on: boolean): Promise<void> {
    if (on) await this.#parts.sender.goOnStage();
    else this.#parts.sender.stopAll();
  }

  setSource(source: LocalSource, on: boolean): Promise<void> {
    const { sender } = this.#parts;
    return source === 'screen' ? sender.setScreenShare(on) : sender.setDevice(source, on);
  }

  mutedByHost(source: HostMuteSource): void {
    this.#parts.sender.mutedByHost(source);
  }

  local(source: LocalSource): LocalSourceView {
    return this.#parts.sender.view(source);
  }

  localId(source: LocalSource): string | null {
    return this.#parts.sender.producerId(source);
  }

  mediaOf(identity: string): ParticipantView['media'] {
    return this.#parts.receiver.peers.mediaOf(identity);
  }

  speaking(identity: string | null): boolean {
    const id = identity ?? this.#parts.selfPeerId();
    return id !== null && id === this.#parts.activeSpeaker();
  }

  quality(identity: string | null): ConnectionQuality | null {
    return identity === null ? this.#parts.quality.quality : this.#parts.receiver.peers.quality(identity);
  }

  interpret(language: string | null): Promise<void> {
    return this.#parts.sender.interpret(language);
  }

  get interpreting(): string | null {
    return this.#parts.sender.interpreting;
  }

  setChannel(language: string | null): void {
    this.#parts.receiver.setChannel(language);
  }

  get listening(): string | null {
    return this.#parts.receiver.channel;
  }

  setVideoView(trackId: string, view: VideoView | null): void {
    this.#parts.receiver.setVideoView(trackId, view);
  }

  onChange(): void {
    // The Sender, Receiver and QualityMonitor already report through the meeting context.
  }

  onEnded(): void {
    // Never ends by itself: a lost socket or a closed room ends the meeting, not the engine.
  }

  /** Stops the quality sampling connect() started; the Sender and Receiver are the meeting's, which closes them for every engine. */
  close(): void {
    this.#parts.quality.stop();
  }
}
