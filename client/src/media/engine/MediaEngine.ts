import type { HostMuteSource } from '@ca/signaling';
import type { ConnectionQuality } from '../networkQuality';
import type { LocalSource, LocalSourceView, ParticipantView, VideoView } from '../meetingTypes';

/**
 * The media half of a meeting: our own SFU (MediasoupEngine) or a LiveKit stage (LiveKitEngine).
 * The Socket.io half (roster, roles, chat, hands, lobby, host controls) stays the MeetingClient's,
 * the same for every engine; the engine sends and receives audio and video. Participants are
 * matched by `mediaIdentity` (PeerInfo; our peer id on our SFU), so tiles, controls and badges
 * read the same snapshot whichever engine carries the media.
 */
export interface MediaEngine {
  /** Which SFU carries the media ('sfu': ours). */
  readonly kind: 'sfu' | 'livekit';
  /** Connects and receives everyone's media. Rejects when the engine refuses (bad token, unreachable). */
  connect(): Promise<void>;
  /** On stage: sends microphone and camera; back in the audience: stops sending. Never rejects. */
  setSending(on: boolean): Promise<void>;
  /** Turns one of our sources on or off (off = muted while on stage). Never rejects. */
  setSource(source: LocalSource, on: boolean): Promise<void>;
  /** A host muted this source (the engine's server already did it); reflect it. */
  mutedByHost(source: HostMuteSource): void;
  local(source: LocalSource): LocalSourceView;
  /** The engine's id of what we send from this source (our SFU: the producer id); null when none or not needed. */
  localId(source: LocalSource): string | null;
  /** What a participant sends, by their identity on this engine. */
  mediaOf(identity: string): ParticipantView['media'];
  speaking(identity: string | null): boolean;
  /** How well their media reaches us (null identity: our own connection); null until known. */
  quality(identity: string | null): ConnectionQuality | null;
  /** Interprets into `language` (a channel track; the floor microphone pauses), or stops (null). Never rejects. */
  interpret(language: string | null): Promise<void>;
  /** The channel we interpret into (null: none). */
  readonly interpreting: string | null;
  /** Receives one interpretation channel besides the floor (null: the floor only); other channels are not received. */
  setChannel(language: string | null): void;
  /** The channel we listen to (null: the floor). */
  readonly listening: string | null;
  /** Where a video tile is shown (the track id is the `producerId` of its MediaView); null: hidden. */
  setVideoView(trackId: string, view: VideoView | null): void;
  /** Something in the engine changed: the owner publishes a new snapshot. */
  onChange(listener: () => void): void;
  /** The engine's server ended our connection (removed, room closed, lost for good). */
  onEnded(listener: (reason: string) => void): void;
  /** Disconnects and stops every local track. Idempotent. */
  close(): void;
}
