import { ErrorCode, type PeerInfo, type ProducerInfo, type RtpCapabilitiesWire } from '@ca/signaling';
import { debug, type types as ms } from 'mediasoup-client';
import { ClientErrorCode, isSignalingError } from '../api/signaling';
import { spatialLayerFor } from './encodings';
import { Ended, type MeetingContext } from './meetingContext';
import type { VideoView } from './meetingTypes';
import { StatsSampler, classify, type LinkSample } from './networkQuality';
import { RemotePeers, type RemoteMedia } from './RemotePeers';
import { createTransport, watchConnection } from './transports';

const log = debug('ca:media:receiver');

/** Failures that a resume or a reset repairs; not worth a notice. */
export function isTransient(error: unknown): boolean {
  return (
    isSignalingError(error) &&
    (error.code === ClientErrorCode.Disconnected ||
      error.code === ClientErrorCode.Timeout ||
      error.code === ErrorCode.NotJoined ||
      error.code === ErrorCode.ConsumerNotFound ||
      error.code === ErrorCode.TransportNotFound)
  );
}

/**
 * The receiving half of a meeting: the recv transport, the other participants
 * (RemotePeers) and a consumer per producer of theirs. It receives only what is
 * seen: a video tile off screen or, in audio-first mode, every camera is paused on
 * the server; a visible camera asks for the simulcast layer its tile's size needs.
 */
export class Receiver {
  readonly peers = new RemotePeers();
  readonly #ctx: MeetingContext;
  readonly #views = new Map<string, VideoView>();
  readonly #sampler = new StatsSampler();
  #transport: ms.Transport | null = null;
  #audioFirst = false;
  /** The interpretation channel listened to (null: the floor only). */
  #channel: string | null = null;

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  get transport(): ms.Transport | null {
    return this.#transport;
  }

  /** Creates the recv transport of the current Device. */
  async open(): Promise<void> {
    const device = this.#ctx.device();
    if (!device) throw new Ended();
    const transport = await createTransport({
      device,
      signaling: this.#ctx.signaling,
      direction: 'recv',
      iceServers: this.#ctx.iceServers(),
    });
    if (this.#ctx.ended() || this.#ctx.device() !== device) {
      transport.close();
      throw new Ended();
    }
    watchConnection(transport, () => this.#ctx.onStaleTransport(transport));
    this.#transport = transport;
  }

  /** Closes the recv transport and so every consumer. */
  closeTransport(): void {
    this.#transport?.close();
    this.#transport = null;
  }

  addPeer(info: PeerInfo): void {
    const added = this.peers.addPeer(info);
    this.#ctx.emit();
    for (const media of added) void this.consume(media);
  }

  addProducer(info: ProducerInfo): void {
    const media = this.peers.addProducer(info);
    if (!media) return;
    this.#ctx.emit();
    void this.consume(media);
  }

  /** After a resume: match the server's list, consume what is missing, and make sure running consumers run. */
  reconcile(list: readonly PeerInfo[]): void {
    const missing = this.peers.reconcile(list);
    this.#ctx.emit();
    for (const media of missing) void this.consume(media);
    for (const media of this.peers.media()) {
      if (media.consumer && !media.pausedByUs) void this.#request('resumeConsumer', media.consumer.id);
    }
  }

  /** consume → local consumer → resumeConsumer (unless it is not to be seen). Failures of media that is gone are silent. */
  async consume(media: RemoteMedia): Promise<void> {
    if (media.consumer || media.consuming || this.#otherChannel(media)) return;
    const wanted = () => !this.#ctx.ended() && this.peers.isCurrent(media);
    media.consuming = true;
    try {
      const transport = this.#transport;
      const device = this.#ctx.device();
      if (!transport || !device || !this.#ctx.live()) return; // the resume or reset consumes it later
      const pauseUpdates = media.pauseUpdates;
      const answer = await this.#ctx.signaling.request('consume', {
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
      media.pausedByUs = this.#shouldPause(media);
      this.#ctx.emit();
      if (media.pausedByUs) consumer.pause();
      else await this.#ctx.signaling.request('resumeConsumer', { consumerId: consumer.id });
      this.#applyLayer(media);
    } catch (error) {
      if (error instanceof Ended || !wanted() || isTransient(error)) return;
      log('could not receive %s of %s: %o', media.info.source, media.peerId, error);
      this.#ctx.notify('receive', error, this.peers.displayName(media.peerId));
    } finally {
      media.consuming = false;
    }
  }

  /** Where a video tile is (null: gone). Pauses what is not seen and asks for the layer that fits. */
  setVideoView(producerId: string, view: VideoView | null): void {
    if (view) this.#views.set(producerId, view);
    else this.#views.delete(producerId);
    const media = this.peers.media().find((m) => m.info.producerId === producerId);
    if (media) this.#applyPolicy(media);
  }

  /**
   * Listens to one interpretation channel (a language) besides the floor, or to the floor only
   * (null). Only the chosen channel is received: the others are never consumed, or paused on the
   * server once left, so bandwidth does not grow with the number of languages.
   */
  setChannel(language: string | null): void {
    if (this.#channel === language) return;
    this.#channel = language;
    for (const media of this.peers.media()) {
      if (media.info.source !== 'interpretation') continue;
      if (media.consumer) this.#applyPolicy(media);
      else void this.consume(media);
    }
  }

  get channel(): string | null {
    return this.#channel;
  }

  /** Audio-first: pause (or resume) every incoming camera. */
  setAudioFirst(on: boolean): void {
    if (this.#audioFirst === on) return;
    this.#audioFirst = on;
    for (const media of this.peers.media()) this.#applyPolicy(media);
  }

  /**
   * Measures loss per participant (their consumers' inbound streams) and this side's
   * receive link; sets each participant's quality. Returns the receive link's sample.
   */
  async sample(): Promise<LinkSample & { bytes?: number | undefined }> {
    const transport = this.#transport;
    if (!transport || transport.closed) return {};
    const report = await transport.getStats();
    const bytes = StatsSampler.bytes(report);
    const { bySsrc, rttMs } = this.#sampler.inbound(report);
    let worstLoss: number | undefined;
    let changed = false;
    for (const peerId of this.peers.peerIds()) {
      let loss: number | undefined;
      for (const media of this.peers.media()) {
        if (media.peerId !== peerId || media.pausedByUs || media.info.paused) continue;
        const ssrc = media.consumer?.rtpParameters.encodings?.[0]?.ssrc;
        const value = ssrc === undefined ? undefined : bySsrc.get(ssrc);
        if (value !== undefined) loss = Math.max(loss ?? 0, value);
      }
      if (loss !== undefined) worstLoss = Math.max(worstLoss ?? 0, loss);
      const quality = loss === undefined ? null : classify({ loss, rttMs });
      changed = this.peers.setQuality(peerId, quality) || changed;
    }
    if (changed) this.#ctx.emit();
    return { loss: worstLoss, rttMs, bytes };
  }

  #otherChannel(media: RemoteMedia): boolean {
    return media.info.source === 'interpretation' && media.info.language !== this.#channel;
  }

  #shouldPause(media: RemoteMedia): boolean {
    if (this.#otherChannel(media)) return true;
    if (media.info.kind !== 'video') return false;
    const view = this.#views.get(media.info.producerId);
    return (view !== undefined && !view.visible) || (this.#audioFirst && media.info.source === 'camera');
  }

  #applyPolicy(media: RemoteMedia): void {
    const consumer = media.consumer;
    if (!consumer || consumer.closed || !this.#ctx.live()) return;
    const pause = this.#shouldPause(media);
    if (pause !== media.pausedByUs) {
      media.pausedByUs = pause;
      if (pause) consumer.pause();
      else consumer.resume();
      void this.#request(pause ? 'pauseConsumer' : 'resumeConsumer', consumer.id);
    }
    this.#applyLayer(media);
  }

  #applyLayer(media: RemoteMedia): void {
    const view = this.#views.get(media.info.producerId);
    const consumer = media.consumer;
    if (!consumer || consumer.closed || !view || media.pausedByUs || media.info.source !== 'camera') return;
    const layer = spatialLayerFor(view.width);
    if (layer === media.preferredLayer) return;
    media.preferredLayer = layer;
    this.#ctx.signaling.request('setPreferredLayers', { consumerId: consumer.id, spatialLayer: layer }).catch((error: unknown) => {
      media.preferredLayer = null;
      log('setPreferredLayers failed: %o', error);
    });
  }

  async #request(name: 'pauseConsumer' | 'resumeConsumer', consumerId: string): Promise<void> {
    try {
      await this.#ctx.signaling.request(name, { consumerId });
    } catch (error) {
      if (!isTransient(error)) log('%s failed: %o', name, error);
    }
  }

  /** Forgets every participant and closes the transport. */
  clear(): void {
    this.peers.clear();
    this.closeTransport();
  }
}
