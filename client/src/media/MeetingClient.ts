import {
  ErrorCode,
  type MediaSource,
  type PeerInfo,
  type ProducerInfo,
  type PushName,
  type PushPayload,
  type RtpCapabilitiesWire,
} from '@ca/signaling';
import { Device, debug, type types as ms } from 'mediasoup-client';
import { SignalingClient, isSignalingError } from '../api/signaling';
import { captureScreen, captureTrack, type DeviceChoice } from './localMedia';
import type {
  LocalSource,
  LocalSourceView,
  MeetingClientOptions,
  MeetingSnapshot,
  MeetingStatus,
  Notice,
  NoticeAction,
  ParticipantView,
} from './meetingTypes';
import { toProblem, type Problem } from './problems';
import { RemotePeers, type RemoteMedia } from './RemotePeers';
import { createTransport } from './transports';

export type * from './meetingTypes';

const log = debug('ca:media:meeting');

type LocalSlot = { state: LocalSourceView['state']; busy: boolean; track: MediaStreamTrack | null; producer: ms.Producer | null };

/** Most notices kept; older ones drop off. */
const MAX_NOTICES = 4;

/** Thrown inside async flows when the meeting ended while they waited. Never surfaces. */
class Ended extends Error {}

/**
 * One attempt at one meeting: the Socket.io signaling, the mediasoup-client Device,
 * one send and one recv transport, the local producers and the consumers of
 * everyone else. No React here: the UI reads `getSnapshot()` through
 * `useSyncExternalStore(client.subscribe, client.getSnapshot)` and calls the
 * action methods, which never reject (failures become `notices`).
 *
 * Close cascade: leave / roomClosed / connection loss / failed join → close both
 * transports (mediasoup-client closes their producers and consumers) → stop every
 * local track → close the socket. Pushes that arrive before the join is set up
 * are queued and replayed in order.
 */
export class MeetingClient {
  readonly #roomId: string;
  readonly #displayName: string;
  readonly #token: string | undefined;
  readonly #devices: DeviceChoice;
  readonly #signaling: SignalingClient;
  readonly #handlerFactory: ms.HandlerFactory | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #remote = new RemotePeers();
  readonly #local: Record<LocalSource, LocalSlot>;
  #screenAudio: { track: MediaStreamTrack; producer: ms.Producer | null } | null = null;
  #initialTracks: { camera: MediaStreamTrack | null; microphone: MediaStreamTrack | null };
  #status: MeetingStatus = 'connecting';
  #selfPeerId: string | null = null;
  #device: ms.Device | null = null;
  #recvTransport: ms.Transport | null = null;
  #sendTransport: Promise<ms.Transport> | null = null;
  /** Pushes received before the join is set up; null once they are handled live. */
  #queue: Array<() => void> | null = [];
  #notices: Notice[] = [];
  #noticeId = 0;
  #endReason: Problem | null = null;
  #started = false;
  #snapshot: MeetingSnapshot;

  constructor(options: MeetingClientOptions) {
    this.#roomId = options.roomId;
    this.#displayName = options.displayName.trim();
    this.#token = options.token;
    this.#devices = options.devices ?? {};
    this.#handlerFactory = options.handlerFactory;
    this.#initialTracks = { camera: options.tracks?.camera ?? null, microphone: options.tracks?.microphone ?? null };
    // A track handed over is on from the start (busy until it is sent), so the controls do not flip while joining.
    const slot = (track: MediaStreamTrack | null): LocalSlot =>
      track ? { state: 'on', busy: true, track, producer: null } : { state: 'off', busy: false, track, producer: null };
    this.#local = {
      microphone: slot(this.#initialTracks.microphone),
      camera: slot(this.#initialTracks.camera),
      screen: slot(null),
    };
    this.#signaling = new SignalingClient(options.signaling);
    this.#wirePushes();
    this.#snapshot = this.#buildSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): MeetingSnapshot => this.#snapshot;

  get #ended(): boolean {
    return this.#status === 'left' || this.#status === 'ended' || this.#status === 'failed';
  }

  /** Connects, joins, receives everyone and sends the initial tracks. Never rejects; call once. */
  async join(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    try {
      await this.#signaling.connect();
      this.#assertActive();
      const joined = await this.#signaling.request('join', {
        roomId: this.#roomId,
        displayName: this.#displayName,
        ...(this.#token ? { token: this.#token } : {}),
      });
      this.#assertActive();
      this.#selfPeerId = joined.peerId;
      const device = await Device.factory(this.#handlerFactory ? { handlerFactory: this.#handlerFactory } : {});
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as ms.RtpCapabilities });
      this.#assertActive();
      this.#device = device;
      this.#recvTransport = await this.#createTransport('recv');
      this.#assertActive();
      this.#status = 'joined';
      for (const peer of joined.peers) this.#addPeer(peer);
      const queued = this.#queue ?? [];
      this.#queue = null;
      for (const handle of queued) handle();
      this.#emit();
      log('joined %s as %s with %d others', this.#roomId, joined.peerId, joined.peers.length);
      const { microphone, camera } = this.#initialTracks;
      await Promise.all([
        microphone && this.#produceDevice('microphone', microphone),
        camera && this.#produceDevice('camera', camera),
      ]);
    } catch (error) {
      if (error instanceof Ended || this.#ended) return;
      log('join failed: %o', error);
      this.#finish('failed', toProblem(error));
    }
  }

  /** Mutes (pauses the producer) or unmutes; opens the microphone first if there is none. */
  setMicrophone(on: boolean): Promise<void> {
    return this.#setDevice('microphone', on);
  }

  /** Turns the camera off (pauses the producer) or on; opens the camera first if there is none. */
  setCamera(on: boolean): Promise<void> {
    return this.#setDevice('camera', on);
  }

  /** Starts sharing a screen, window or tab, or stops it. Never rejects. */
  async setScreenShare(on: boolean): Promise<void> {
    const slot = this.#local.screen;
    if (this.#status !== 'joined' || slot.busy || (slot.state !== 'off') === on) return;
    if (!on) {
      this.#stopScreenShare();
      return;
    }
    slot.busy = true;
    this.#emit();
    try {
      const { video, audio } = await captureScreen();
      if (this.#ended) {
        video.stop();
        audio?.stop();
        return;
      }
      slot.track = video;
      slot.state = 'on';
      this.#emit();
      slot.producer = await this.#produce('screen', video);
      slot.producer.on('trackended', () => this.#stopScreenShare());
      if (audio) void this.#produceScreenAudio(audio);
    } catch (error) {
      if (this.#ended) return;
      this.#stopScreenShare();
      this.#notify('screen', error);
    } finally {
      slot.busy = false;
      this.#emit();
    }
  }

  /** Sends `leave`, closes the transports, stops every track, closes the socket. Never rejects. */
  async leave(): Promise<void> {
    if (this.#ended) return;
    const wasJoined = this.#status === 'joined';
    this.#finish('left', null, { keepSocket: true });
    if (wasJoined) {
      try {
        await this.#signaling.request('leave', {}, { timeoutMs: 3_000 });
      } catch (error) {
        log('leave not acknowledged: %o', error); // the server also cleans up when the socket closes
      }
    }
    this.#signaling.close();
  }

  dismissNotice(id: number): void {
    this.#notices = this.#notices.filter((n) => n.id !== id);
    this.#emit();
  }

  // ---- pushes -------------------------------------------------------------

  #wirePushes(): void {
    const on = <K extends PushName>(name: K, handle: (payload: PushPayload<K>) => void) =>
      this.#signaling.onPush(name, (payload) => {
        if (this.#ended) return;
        if (this.#queue) this.#queue.push(() => handle(payload));
        else handle(payload);
      });
    on('peerJoined', ({ peer }) => this.#addPeer(peer));
    on('peerLeft', ({ peerId }) => this.#change(this.#remote.removePeer(peerId)));
    on('producerAdded', ({ producer }) => this.#addProducer(producer));
    on('producerClosed', ({ peerId, producerId }) => this.#change(this.#remote.removeProducer(peerId, producerId)));
    on('producerPaused', ({ peerId, producerId }) => this.#change(this.#remote.setPaused(peerId, producerId, true)));
    on('producerResumed', ({ peerId, producerId }) => this.#change(this.#remote.setPaused(peerId, producerId, false)));
    on('consumerClosed', ({ consumerId }) => this.#change(this.#remote.removeConsumer(consumerId)));
    // These end the meeting whatever state the join is in.
    this.#signaling.onPush('roomClosed', ({ reason }) => this.#finish('ended', reason));
    this.#signaling.onDisconnect((error) => {
      if (this.#status === 'joined') this.#finish('ended', toProblem(error));
    });
  }

  #addPeer(info: PeerInfo): void {
    if (info.peerId === this.#selfPeerId) return;
    const added = this.#remote.addPeer(info);
    this.#emit();
    for (const media of added) void this.#consume(media);
  }

  #addProducer(info: ProducerInfo): void {
    const media = this.#remote.addProducer(info);
    if (!media) return;
    this.#emit();
    void this.#consume(media);
  }

  /** Applies a change to the remote participants and publishes it if anything changed. */
  #change(changed: boolean): void {
    if (changed) this.#emit();
  }

  // ---- receiving ----------------------------------------------------------

  /** consume → local consumer → resumeConsumer. Failures of media that is gone anyway are silent. */
  async #consume(media: RemoteMedia): Promise<void> {
    const wanted = () => !this.#ended && this.#remote.isCurrent(media);
    try {
      const transport = this.#recvTransport;
      const device = this.#device;
      if (!transport || !device) throw new Ended();
      const pauseUpdates = media.pauseUpdates;
      const answer = await this.#signaling.request('consume', {
        transportId: transport.id,
        producerId: media.info.producerId,
        rtpCapabilities: device.recvRtpCapabilities as RtpCapabilitiesWire,
      });
      if (!wanted()) return;
      // The server may send a pause push before the ack of a consume that saw the producer
      // still running; a push that arrived meanwhile is the newer truth.
      if (media.pauseUpdates === pauseUpdates) media.info.paused = answer.producerPaused;
      const consumer = await transport.consume({
        id: answer.consumerId,
        producerId: answer.producerId,
        kind: answer.kind,
        rtpParameters: answer.rtpParameters as ms.RtpParameters,
        appData: { peerId: answer.peerId, source: answer.source },
      });
      if (!wanted()) {
        consumer.close();
        return;
      }
      media.consumer = consumer;
      this.#emit();
      await this.#signaling.request('resumeConsumer', { consumerId: consumer.id });
    } catch (error) {
      if (error instanceof Ended || !wanted()) return;
      log('could not receive %s of %s: %o', media.info.source, media.peerId, error);
      this.#notify('receive', error, this.#remote.displayName(media.peerId));
    }
  }

  // ---- sending ------------------------------------------------------------

  async #setDevice(source: 'microphone' | 'camera', on: boolean): Promise<void> {
    const slot = this.#local[source];
    if (this.#status !== 'joined' || slot.busy || (slot.state === 'on') === on) return;
    slot.busy = true;
    this.#emit();
    try {
      const producer = slot.producer;
      if (producer && !producer.closed) {
        if (on) producer.resume();
        else producer.pause();
        slot.state = on ? 'on' : 'paused';
        this.#emit();
        try {
          const request = on ? 'resumeProducer' : 'pauseProducer';
          await this.#signaling.request(request, { producerId: producer.id });
        } catch (error) {
          if (this.#ended) return;
          if (on) producer.pause();
          else producer.resume();
          slot.state = on ? 'paused' : 'on';
          throw error;
        }
      } else if (on) {
        const track = await captureTrack(source, this.#devices[source]);
        if (this.#ended) {
          track.stop();
          return;
        }
        slot.busy = false;
        await this.#produceDevice(source, track);
      }
    } catch (error) {
      if (!this.#ended) this.#notify(source, error);
    } finally {
      slot.busy = false;
      this.#emit();
    }
  }

  /** Sends a camera or microphone track; on failure the track is stopped and the notice says why. */
  async #produceDevice(source: 'microphone' | 'camera', track: MediaStreamTrack): Promise<void> {
    const slot = this.#local[source];
    slot.track = track;
    slot.state = 'on';
    slot.busy = true;
    this.#emit();
    try {
      const producer = await this.#produce(source, track);
      slot.producer = producer;
      producer.on('trackended', () => this.#onDeviceTrackEnded(source, producer));
    } catch (error) {
      if (this.#ended) return;
      track.stop();
      Object.assign(slot, { state: 'off', track: null, producer: null });
      this.#notify(source, error);
    } finally {
      slot.busy = false;
      this.#emit();
    }
  }

  /** The device went away (unplugged, revoked): close its producer so others stop waiting for it. */
  #onDeviceTrackEnded(source: 'microphone' | 'camera', producer: ms.Producer): void {
    const slot = this.#local[source];
    if (slot.producer !== producer || this.#ended) return;
    this.#closeProducer(producer);
    Object.assign(slot, { state: 'off', track: null, producer: null });
    this.#emit();
  }

  async #produceScreenAudio(track: MediaStreamTrack): Promise<void> {
    const entry: { track: MediaStreamTrack; producer: ms.Producer | null } = { track, producer: null };
    this.#screenAudio = entry;
    try {
      const producer = await this.#produce('screen-audio', track);
      if (this.#screenAudio === entry) entry.producer = producer;
      else this.#closeProducer(producer);
    } catch (error) {
      track.stop();
      if (this.#screenAudio === entry) this.#screenAudio = null;
      if (!this.#ended) this.#notify('screen', error);
    }
  }

  #stopScreenShare(): void {
    const slot = this.#local.screen;
    if (slot.producer) this.#closeProducer(slot.producer);
    slot.track?.stop();
    Object.assign(slot, { state: 'off', track: null, producer: null });
    const audio = this.#screenAudio;
    this.#screenAudio = null;
    if (audio?.producer) this.#closeProducer(audio.producer);
    audio?.track.stop();
    this.#emit();
  }

  /** Closes a local producer and tells the server; a producer the server already dropped is fine. */
  #closeProducer(producer: ms.Producer): void {
    producer.close();
    if (this.#status !== 'joined') return;
    this.#signaling.request('closeProducer', { producerId: producer.id }).catch((error: unknown) => {
      if (this.#ended || (isSignalingError(error) && error.code === ErrorCode.ProducerNotFound)) return;
      this.#notify('connection', error);
    });
  }

  async #produce(source: MediaSource, track: MediaStreamTrack): Promise<ms.Producer> {
    const transport = await this.#ensureSendTransport();
    this.#assertActive();
    const producer = await transport.produce({
      track,
      stopTracks: true,
      appData: { source },
      ...(source === 'microphone' ? { codecOptions: { opusDtx: true, opusFec: true } } : {}),
    });
    if (this.#ended) {
      producer.close();
      throw new Ended();
    }
    return producer;
  }

  #ensureSendTransport(): Promise<ms.Transport> {
    if (!this.#sendTransport) {
      this.#sendTransport = this.#createTransport('send');
      // A failed creation may be retried by the next produce.
      this.#sendTransport.catch(() => (this.#sendTransport = null));
    }
    return this.#sendTransport;
  }

  // ---- transports ---------------------------------------------------------

  async #createTransport(direction: 'send' | 'recv'): Promise<ms.Transport> {
    const device = this.#device;
    if (!device) throw new Ended();
    const transport = await createTransport({ device, signaling: this.#signaling, direction });
    if (this.#ended) {
      transport.close();
      throw new Ended();
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' && !this.#ended) {
        this.#notify('connection', Object.assign(new Error(`${direction} transport failed`), { name: 'MediaError' }));
      }
    });
    return transport;
  }

  // ---- lifecycle and state ------------------------------------------------

  #assertActive(): void {
    if (this.#ended) throw new Ended();
  }

  /** The close cascade: transports (with producers and consumers), local tracks, socket. */
  #finish(status: 'left' | 'ended' | 'failed', reason: Problem | null, options: { keepSocket?: boolean } = {}): void {
    if (this.#ended) return;
    log('meeting %s: %o', status, reason);
    this.#status = status;
    this.#endReason = reason;
    this.#queue = null;
    this.#recvTransport?.close();
    this.#recvTransport = null;
    this.#sendTransport?.then((t) => t.close(), () => undefined);
    this.#sendTransport = null;
    for (const slot of Object.values(this.#local)) {
      slot.producer?.close();
      slot.track?.stop();
      Object.assign(slot, { state: 'off', busy: false, track: null, producer: null });
    }
    this.#screenAudio?.producer?.close();
    this.#screenAudio?.track.stop();
    this.#screenAudio = null;
    this.#initialTracks.camera?.stop();
    this.#initialTracks.microphone?.stop();
    this.#remote.clear();
    if (!options.keepSocket) this.#signaling.close();
    this.#emit();
  }

  #notify(action: NoticeAction, error: unknown, subject?: string): void {
    const notice: Notice = { id: ++this.#noticeId, action, problem: toProblem(error), ...(subject ? { subject } : {}) };
    log('notice: %o', notice);
    this.#notices = [...this.#notices, notice].slice(-MAX_NOTICES);
    this.#emit();
  }

  #emit(): void {
    this.#snapshot = this.#buildSnapshot();
    for (const listener of [...this.#listeners]) listener();
  }

  #buildSnapshot(): MeetingSnapshot {
    const localView = (slot: LocalSlot): LocalSourceView => ({ state: slot.state, busy: slot.busy, track: slot.track });
    const local = {
      microphone: localView(this.#local.microphone),
      camera: localView(this.#local.camera),
      screen: localView(this.#local.screen),
    };
    const selfMedia: ParticipantView['media'] = {};
    for (const source of ['microphone', 'camera', 'screen'] as const) {
      const slot = this.#local[source];
      if (!slot.track) continue;
      selfMedia[source] = {
        source,
        producerId: slot.producer?.id ?? null,
        track: slot.track,
        paused: slot.state === 'paused',
      };
    }
    const self: ParticipantView = {
      peerId: this.#selfPeerId ?? 'self',
      displayName: this.#displayName,
      isSelf: true,
      media: selfMedia,
    };
    const others = this.#remote.views();
    return {
      roomId: this.#roomId,
      displayName: this.#displayName,
      status: this.#status,
      selfPeerId: this.#selfPeerId,
      participants: this.#ended ? [] : [self, ...others],
      local,
      notices: this.#notices,
      endReason: this.#endReason,
    };
  }
}
