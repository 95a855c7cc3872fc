import { CHANNEL_TRACK_PREFIX, channelLanguageOf, mayPublishTrack, type HostMuteSource, type MediaSource } from '@ca/signaling';
import {
  createLocalAudioTrack,
  ConnectionQuality as LkQuality,
  DisconnectReason,
  RemoteVideoTrack,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  type ElementInfo,
  type LocalAudioTrack,
  type Participant,
  type RemoteParticipant,
  type RemoteTrackPublication,
} from 'livekit-client';
import { debug } from 'mediasoup-client';
import type { DeviceChoice } from '../localMedia';
import type { LocalSource, LocalSourceView, ParticipantView, VideoView } from '../meetingTypes';
import type { ConnectionQuality } from '../networkQuality';
import type { MediaEngine } from './MediaEngine';

const log = debug('ca:media:livekit');

export type LiveKitEngineOptions = {
  /** The LiveKit server (ws:// or wss://), from the stage ticket. */
  url: string;
  /** The LiveKit access token of the stage ticket (its grant decides whether we may publish). */
  token: string;
  /** Devices to open when going on stage. */
  devices?: DeviceChoice;
  /** Tracks opened by the pre-join check; sent when we go on stage, else stopped. */
  tracks?: { camera?: MediaStreamTrack | null; microphone?: MediaStreamTrack | null };
};

const SOURCES: Record<LocalSource, Track.Source> = {
  microphone: Track.Source.Microphone,
  camera: Track.Source.Camera,
  screen: Track.Source.ScreenShare,
};
const FROM_LIVEKIT: Partial<Record<Track.Source, MediaSource>> = {
  [Track.Source.Microphone]: 'microphone',
  [Track.Source.Camera]: 'camera',
  [Track.Source.ScreenShare]: 'screen',
  [Track.Source.ScreenShareAudio]: 'screen-audio',
};
const QUALITY: Partial<Record<LkQuality, ConnectionQuality>> = {
  [LkQuality.Excellent]: 'good',
  [LkQuality.Good]: 'fair',
  [LkQuality.Poor]: 'poor',
  [LkQuality.Lost]: 'poor',
};

/**
 * A tile as LiveKit's adaptive stream sees it: our tiles report where they are (visible, width)
 * through `setVideoView`, as they do for mediasoup, instead of LiveKit watching a <video> element.
 */
class TileInfo implements ElementInfo {
  readonly element = {};
  visible = false;
  pictureInPicture = false;
  visibilityChangedAt: number | undefined;
  handleResize?: () => void;
  handleVisibilityChanged?: () => void;
  #width = 0;

  width(): number {
    return this.#width;
  }

  height(): number {
    return Math.round((this.#width * 9) / 16);
  }

  observe(): void {}

  stopObserving(): void {}

  update(view: VideoView): void {
    if (view.visible !== this.visible) {
      this.visible = view.visible;
      this.visibilityChangedAt = Date.now();
      this.handleVisibilityChanged?.();
    }
    if (view.width !== this.#width) {
      this.#width = view.width;
      this.handleResize?.();
    }
  }
}

/**
 * Stage media on LiveKit (livekit-client): one Room, adaptive stream (fed by our tiles' views)
 * and dynacast on, camera sent with simulcast (180p, 360p and 720p layers).
 */
export class LiveKitEngine implements MediaEngine {
  readonly kind = 'livekit';
  readonly #options: LiveKitEngineOptions;
  readonly #room = new Room({
    adaptiveStream: true,
    dynacast: true,
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
    publishDefaults: { simulcast: true, videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360] },
  });
  readonly #busy = new Set<LocalSource>();
  readonly #tiles = new Map<string, TileInfo>();
  #changeListeners: Array<() => void> = [];
  #endListeners: Array<(reason: string) => void> = [];
  #initial: LiveKitEngineOptions['tracks'];
  /** The channel we interpret into: its track, and whether the floor microphone was on before. */
  #interpretation: { language: string; track: LocalAudioTrack; microphoneWasOn: boolean } | null = null;
  #listening: string | null = null;
  #closed = false;

  constructor(options: LiveKitEngineOptions) {
    this.#options = options;
    this.#initial = options.tracks;
  }

  async connect(): Promise<void> {
    const changed = () => this.#changed();
    for (const event of [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.TrackPublished,
      RoomEvent.TrackUnpublished,
      RoomEvent.TrackSubscribed,
      RoomEvent.TrackUnsubscribed,
      RoomEvent.TrackMuted,
      RoomEvent.TrackUnmuted,
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
      RoomEvent.ActiveSpeakersChanged,
      RoomEvent.ConnectionQualityChanged,
      RoomEvent.ParticipantPermissionsChanged,
    ] as const) {
      this.#room.on(event, changed);
    }
    // We subscribe ourselves: everything but the interpretation channels we did not choose.
    this.#room.on(RoomEvent.TrackPublished, (publication, participant) => this.#subscribeTo(participant, publication));
    this.#room.on(RoomEvent.ParticipantConnected, (participant) => this.#subscribeAll([participant]));
    this.#room.on(RoomEvent.ParticipantAttributesChanged, (_changed, participant) => {
      if (participant !== this.#room.localParticipant) this.#subscribeAll([participant as RemoteParticipant]);
    });
    this.#room.on(RoomEvent.TrackSubscribed, (track, publication) => {
      // A tile already reported for this track: adaptive stream starts from its view.
      const tile = this.#tiles.get(publication.trackSid);
      if (tile && track instanceof RemoteVideoTrack) track.observeElementInfo(tile);
      if (track.kind === Track.Kind.Audio) void this.#room.startAudio().catch(() => undefined);
    });
    this.#room.on(RoomEvent.Disconnected, (reason) => {
      if (this.#closed) return;
      log('disconnected by LiveKit: %s', reason);
      for (const listener of this.#endListeners) listener(DisconnectReason[reason ?? DisconnectReason.UNKNOWN_REASON] ?? 'UNKNOWN_REASON');
    });
    await this.#room.connect(this.#options.url, this.#options.token, { autoSubscribe: false });
    this.#subscribeAll();
    log('connected to %s as %s', this.#room.name, this.#room.localParticipant.identity);
  }

  async setSending(on: boolean): Promise<void> {
    if (!on) {
      await this.#stopSending();
      return;
    }
    const initial = this.#initial;
    this.#initial = undefined;
    await this.#publishOrOpen('microphone', initial?.microphone ?? null);
    await this.#publishOrOpen('camera', initial?.camera ?? null);
  }

  async setSource(source: LocalSource, on: boolean): Promise<void> {
    if (this.#busy.has(source)) return;
    this.#busy.add(source);
    this.#changed();
    const participant = this.#room.localParticipant;
    const deviceId = source === 'screen' ? undefined : this.#options.devices?.[source];
    try {
      if (source === 'microphone') await participant.setMicrophoneEnabled(on, deviceId ? { deviceId } : undefined);
      else if (source === 'camera') await participant.setCameraEnabled(on, deviceId ? { deviceId } : undefined);
      else await participant.setScreenShareEnabled(on, { audio: true });
    } catch (error) {
      log('%s %s failed: %o', source, on ? 'on' : 'off', error);
    } finally {
      this.#busy.delete(source);
      this.#changed();
    }
  }

  get interpreting(): string | null {
    return this.#interpretation?.language ?? null;
  }

  get listening(): string | null {
    return this.#listening;
  }

  setChannel(language: string | null): void {
    this.#listening = language;
    this.#subscribeAll();
    this.#changed();
  }

  async interpret(language: string | null): Promise<void> {
    const current = this.#interpretation;
    if ((current?.language ?? null) === language) return;
    const participant = this.#room.localParticipant;
    const microphoneWasOn = current?.microphoneWasOn ?? this.local('microphone').state === 'on';
    try {
      if (current) {
        this.#interpretation = null;
        await participant.unpublishTrack(current.track, true).catch(() => undefined);
      }
      if (language === null) {
        if (microphoneWasOn) await this.setSource('microphone', true);
        return;
      }
      const deviceId = this.#options.devices?.microphone;
      const track = await createLocalAudioTrack(deviceId ? { deviceId } : undefined);
      await participant.publishTrack(track, { name: `${CHANNEL_TRACK_PREFIX}${language}`, source: Track.Source.Unknown });
      this.#interpretation = { language, track, microphoneWasOn };
      if (microphoneWasOn) await this.setSource('microphone', false);
    } catch (error) {
      log('interpreting into %s failed: %o', language, error);
    } finally {
      this.#changed();
    }
  }

  mutedByHost(source: HostMuteSource): void {
    // LiveKit's server muted the track already; the SDK mutes it here too. Only the view changes.
    void this.#room.localParticipant.getTrackPublication(SOURCES[source])?.mute();
    this.#changed();
  }

  local(source: LocalSource): LocalSourceView {
    const publication = this.#room.localParticipant.getTrackPublication(SOURCES[source]);
    const track = publication?.track?.mediaStreamTrack ?? null;
    const state = !publication?.track ? 'off' : publication.isMuted ? 'paused' : 'on';
    return { state, busy: this.#busy.has(source), track };
  }

  localId(): string | null {
    return null; // our own tiles show the captured track; nothing addresses it by id
  }

  mediaOf(identity: string): ParticipantView['media'] {
    const participant = this.#room.getParticipantByIdentity(identity);
    const media: ParticipantView['media'] = {};
    if (!participant || participant === this.#room.localParticipant) return media;
    for (const publication of participant.trackPublications.values()) {
      const language = channelLanguageOf(publication.trackName);
      if (language !== undefined) {
        // A channel only from someone it was assigned to (the server mutes the rest too).
        if (!mayPublishTrack(participant.attributes, publication.trackName)) continue;
        media.interpretation = {
          source: 'interpretation',
          producerId: publication.trackSid,
          track: publication.track?.mediaStreamTrack ?? null,
          paused: publication.isMuted,
          language,
        };
        continue;
      }
      const source = FROM_LIVEKIT[publication.source];
      if (!source) continue;
      media[source] = {
        source,
        producerId: publication.trackSid,
        track: publication.track?.mediaStreamTrack ?? null,
        paused: publication.isMuted,
      };
    }
    return media;
  }

  speaking(identity: string | null): boolean {
    return this.#participant(identity)?.isSpeaking ?? false;
  }

  quality(identity: string | null): ConnectionQuality | null {
    const quality = this.#participant(identity)?.connectionQuality;
    return (quality && QUALITY[quality]) ?? null;
  }

  setVideoView(trackId: string, view: VideoView | null): void {
    let tile = this.#tiles.get(trackId);
    if (!tile) {
      if (!view) return;
      tile = new TileInfo();
      this.#tiles.set(trackId, tile);
      const track = this.#remotePublication(trackId)?.videoTrack;
      if (track instanceof RemoteVideoTrack) track.observeElementInfo(tile);
    }
    tile.update(view ?? { visible: false, width: 0 });
    if (!view) {
      const track = this.#remotePublication(trackId)?.videoTrack;
      if (track instanceof RemoteVideoTrack) track.stopObservingElementInfo(tile);
      this.#tiles.delete(trackId);
    }
  }

  onChange(listener: () => void): void {
    this.#changeListeners.push(listener);
  }

  onEnded(listener: (reason: string) => void): void {
    this.#endListeners.push(listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const track of [this.#initial?.camera, this.#initial?.microphone, this.#interpretation?.track.mediaStreamTrack]) track?.stop();
    void this.#room.disconnect(true);
    this.#changeListeners = [];
    this.#endListeners = [];
  }

  async #publishOrOpen(source: 'microphone' | 'camera', track: MediaStreamTrack | null): Promise<void> {
    if (!track || track.readyState === 'ended') {
      await this.setSource(source, true);
      return;
    }
    try {
      await this.#room.localParticipant.publishTrack(track, { source: SOURCES[source], simulcast: source === 'camera' });
    } catch (error) {
      log('publishing the %s failed: %o', source, error);
    }
    this.#changed();
  }

  async #stopSending(): Promise<void> {
    const participant = this.#room.localParticipant;
    for (const publication of [...participant.trackPublications.values()]) {
      if (publication.track) await participant.unpublishTrack(publication.track, true).catch(() => undefined);
    }
    for (const track of [this.#initial?.camera, this.#initial?.microphone]) track?.stop();
    this.#initial = undefined;
    this.#changed();
  }

  /** Subscribes to every track but the interpretation channels not chosen (and those opened against the rules). */
  #subscribeAll(participants: Iterable<RemoteParticipant> = this.#room.remoteParticipants.values()): void {
    for (const participant of participants) {
      for (const publication of participant.trackPublications.values()) this.#subscribeTo(participant, publication);
    }
  }

  #subscribeTo(participant: RemoteParticipant, publication: RemoteTrackPublication): void {
    const wanted = this.#wanted(participant, publication);
    if (publication.isSubscribed !== wanted) publication.setSubscribed(wanted);
  }

  #wanted(participant: RemoteParticipant, publication: RemoteTrackPublication): boolean {
    const language = channelLanguageOf(publication.trackName);
    if (language === undefined) return true;
    return language === this.#listening && mayPublishTrack(participant.attributes, publication.trackName);
  }

  #participant(identity: string | null): Participant | undefined {
    return identity === null ? this.#room.localParticipant : this.#room.getParticipantByIdentity(identity);
  }

  #remotePublication(trackSid: string): RemoteTrackPublication | undefined {
    for (const participant of this.#room.remoteParticipants.values()) {
      const publication = participant.getTrackPublicationBySid(trackSid);
      if (publication) return publication;
    }
    return undefined;
  }

  #changed(): void {
    if (this.#closed) return;
    for (const listener of this.#changeListeners) listener();
  }
}
