import { ErrorCode, type HostMuteSource, type MediaSource } from '@ca/signaling';
import { debug, type types as ms } from 'mediasoup-client';
import { isSignalingError } from '../api/signaling';
import { sendOptions } from './encodings';
import { captureCameraAndMicrophone, captureScreen, captureTrack, type CapturedMedia, type DeviceChoice } from './localMedia';
import { Ended, type MeetingContext } from './meetingContext';
import type { LocalSource, LocalSourceView } from './meetingTypes';
import { isTransient } from './Receiver';
import { createTransport, watchConnection } from './transports';

const log = debug('ca:media:sender');

type LocalSlot = { state: LocalSourceView['state']; busy: boolean; track: MediaStreamTrack | null; producer: ms.Producer | null };
type ScreenAudio = { track: MediaStreamTrack; producer: ms.Producer | null };
/** Interpreting: the voice into one language channel, and whether the floor microphone was on before. */
type Interpretation = { language: string; track: MediaStreamTrack; producer: ms.Producer | null; microphoneWasOn: boolean };
type DeviceSource = 'microphone' | 'camera';

/**
 * The sending half of a meeting: the local tracks (this class owns and stops
 * them; producers never stop a track, so a transport can be replaced under a live
 * camera), one producer per source and the send transport, made on first use.
 */
export class Sender {
  readonly #ctx: MeetingContext;
  readonly #devices: DeviceChoice;
  readonly #capture: (devices: DeviceChoice) => Promise<CapturedMedia>;
  readonly #slots: Record<LocalSource, LocalSlot>;
  #screenAudio: ScreenAudio | null = null;
  #interpretation: Interpretation | null = null;
  #transport: Promise<ms.Transport> | null = null;
  #audioFirst = false;

  constructor(options: {
    ctx: MeetingContext;
    devices: DeviceChoice;
    tracks: { camera: MediaStreamTrack | null; microphone: MediaStreamTrack | null };
    capture?: ((devices: DeviceChoice) => Promise<CapturedMedia>) | undefined;
  }) {
    const { ctx, devices, tracks } = options;
    this.#ctx = ctx;
    this.#devices = devices;
    this.#capture = options.capture ?? captureCameraAndMicrophone;
    // A track handed over is on from the start (busy until it is sent), so the controls do not flip while joining.
    const slot = (track: MediaStreamTrack | null): LocalSlot =>
      track ? { state: 'on', busy: true, track, producer: null } : { state: 'off', busy: false, track, producer: null };
    this.#slots = { microphone: slot(tracks.microphone), camera: slot(tracks.camera), screen: slot(null) };
  }

  view(source: LocalSource): LocalSourceView {
    const { state, busy, track } = this.#slots[source];
    return { state, busy, track };
  }

  producerId(source: LocalSource): string | null {
    return this.#slots[source].producer?.id ?? null;
  }

  /** Sends every local track (the initial ones after joining; all again after a reset), keeping muted ones muted. */
  async publish(): Promise<void> {
    const audio = this.#screenAudio;
    const interpretation = this.#interpretation;
    await Promise.all([
      this.#publishSlot('microphone'),
      this.#publishSlot('camera'),
      this.#publishSlot('screen'),
      audio && this.#publishScreenAudio(audio),
      interpretation && this.#publishInterpretation(interpretation),
    ]);
  }

  /** Sends a track that is on but has no producer (its produce was cut off by a dropped connection). */
  async publishMissing(): Promise<void> {
    const missing = (['microphone', 'camera', 'screen'] as const).filter((s) => {
      const slot = this.#slots[s];
      return slot.track && !slot.busy && (!slot.producer || slot.producer.closed);
    });
    await Promise.all(missing.map((s) => this.#publishSlot(s)));
  }

  /** Mutes (pauses the producer) or unmutes a device; opens it first if there is none. */
  async setDevice(source: DeviceSource, on: boolean): Promise<void> {
    const slot = this.#slots[source];
    if (!this.#ctx.live() || slot.busy || (slot.state === 'on') === on) return;
    slot.busy = true;
    this.#ctx.emit();
    try {
      const producer = slot.producer;
      if (producer && !producer.closed) {
        if (on) producer.resume();
        else producer.pause();
        slot.state = on ? 'on' : 'paused';
        this.#ctx.emit();
        try {
          await this.#ctx.signaling.request(on ? 'resumeProducer' : 'pauseProducer', { producerId: producer.id });
        } catch (error) {
          if (this.#ctx.ended()) return;
          if (on) producer.pause();
          else producer.resume();
          slot.state = on ? 'paused' : 'on';
          throw error;
        }
      } else if (on) {
        const track = await captureTrack(source, this.#devices[source]);
        if (this.#ctx.ended()) {
          track.stop();
          return;
        }
        Object.assign(slot, { track, state: 'on' });
        slot.busy = false;
        await this.#publishSlot(source);
      }
    } catch (error) {
      if (!this.#ctx.ended()) this.#ctx.notify(source, error);
    } finally {
      slot.busy = false;
      this.#ctx.emit();
    }
  }

  /** The language this participant interprets into now (null: not interpreting). */
  get interpreting(): string | null {
    return this.#interpretation?.language ?? null;
  }

  /**
   * Starts interpreting into `language` (the microphone then speaks into that channel and the floor
   * microphone is muted) or stops (null: the floor microphone comes back if it was on). Switching
   * language closes the old channel once the new one is sent, so listeners never hear a gap.
   */
  async interpret(language: string | null): Promise<void> {
    const current = this.#interpretation;
    if (!this.#ctx.live() || (current?.language ?? null) === language) return;
    try {
      if (language !== null) {
        const track = await captureTrack('microphone', this.#devices.microphone);
        const microphoneWasOn = current?.microphoneWasOn ?? this.#slots.microphone.state === 'on';
        const next: Interpretation = { language, track, producer: null, microphoneWasOn };
        this.#interpretation = next;
        this.#ctx.emit();
        await this.#publishInterpretation(next);
        if (microphoneWasOn) await this.setDevice('microphone', false);
      } else {
        this.#interpretation = null;
        this.#ctx.emit();
        if (current?.microphoneWasOn) await this.setDevice('microphone', true);
      }
    } catch (error) {
      const failed = this.#interpretation;
      if (failed && failed !== current && !failed.producer) {
        failed.track.stop();
        this.#interpretation = current?.producer ? current : null;
      }
      if (!this.#ctx.ended()) this.#ctx.notify('microphone', error);
    } finally {
      if (current && current !== this.#interpretation) {
        if (current.producer) this.#closeProducer(current.producer);
        current.track.stop();
      }
      this.#ctx.emit();
    }
  }

  /** A host paused this source on the server: show it off here too; turning it back on is `setDevice`. */
  mutedByHost(source: HostMuteSource): void {
    const slot = this.#slots[source];
    const producer = slot.producer;
    if (producer && !producer.closed && !producer.paused) producer.pause();
    if (slot.state === 'on') slot.state = 'paused';
    this.#ctx.emit();
  }

  /** Starts sharing a screen, window or tab, or stops it. Never rejects. */
  async setScreenShare(on: boolean): Promise<void> {
    const slot = this.#slots.screen;
    if (!this.#ctx.live() || slot.busy || (slot.state !== 'off') === on) return;
    if (!on) {
      this.#stopScreenShare();
      return;
    }
    slot.busy = true;
    this.#ctx.emit();
    try {
      const { video, audio } = await captureScreen();
      if (this.#ctx.ended()) {
        video.stop();
        audio?.stop();
        return;
      }
      Object.assign(slot, { track: video, state: 'on' });
      if (audio) this.#screenAudio = { track: audio, producer: null };
      this.#ctx.emit();
      const screenAudio = this.#screenAudio;
      await Promise.all([this.#publishSlot('screen', { keepBusy: true }), screenAudio && this.#publishScreenAudio(screenAudio)]);
      if (!slot.track) this.#stopScreenShare(); // the video could not be sent: no sound alone either
    } catch (error) {
      if (this.#ctx.ended()) return;
      this.#stopScreenShare();
      this.#ctx.notify('screen', error);
    } finally {
      slot.busy = false;
      this.#ctx.emit();
    }
  }

  /** Brought on stage: open camera and microphone and send them. */
  async goOnStage(): Promise<void> {
    const captured = await this.#capture(this.#devices);
    if (this.#ctx.ended()) {
      captured.camera?.stop();
      captured.microphone?.stop();
      return;
    }
    for (const [source, error] of Object.entries(captured.problems)) this.#ctx.notify(source as DeviceSource, error);
    for (const source of ['microphone', 'camera'] as const) {
      const track = captured[source];
      if (!track) continue;
      this.#slots[source].track?.stop();
      Object.assign(this.#slots[source], { track, state: 'on', producer: null });
    }
    await this.publish();
  }

  /** Back to the audience (or leaving): close every producer and the send transport, stop every track. */
  stopAll(): void {
    for (const source of ['microphone', 'camera', 'screen'] as const) {
      const slot = this.#slots[source];
      if (slot.producer) this.#closeProducer(slot.producer);
      slot.track?.stop();
      Object.assign(slot, { state: 'off', busy: false, track: null, producer: null });
    }
    const audio = this.#screenAudio;
    this.#screenAudio = null;
    if (audio?.producer) this.#closeProducer(audio.producer);
    audio?.track.stop();
    const interpretation = this.#interpretation;
    this.#interpretation = null;
    if (interpretation?.producer) this.#closeProducer(interpretation.producer);
    interpretation?.track.stop();
    this.dropTransport();
    this.#ctx.emit();
  }

  /** Closes the send transport (its producers close with it) but keeps the tracks, to send them again later. */
  dropTransport(): void {
    this.#transport?.then(
      (t) => t.close(),
      () => undefined,
    );
    this.#transport = null;
  }

  get transport(): Promise<ms.Transport> | null {
    return this.#transport;
  }

  /** Audio-first: only the lowest camera layer goes out (or all of them again). */
  setAudioFirst(on: boolean): void {
    this.#audioFirst = on;
    this.#applyAudioFirst();
  }

  // ---- producing -----------------------------------------------------------

  async #publishSlot(source: LocalSource, options: { keepBusy?: boolean } = {}): Promise<void> {
    const slot = this.#slots[source];
    const track = slot.track;
    if (!track) return;
    if (track.readyState === 'ended') {
      Object.assign(slot, { state: 'off', track: null, producer: null, busy: false });
      this.#ctx.emit();
      return;
    }
    const paused = slot.state === 'paused';
    slot.producer = null;
    slot.busy = true;
    this.#ctx.emit();
    try {
      const producer = await this.#produce(source, track, paused);
      if (slot.track !== track) {
        this.#closeProducer(producer);
        return;
      }
      slot.producer = producer;
      if (slot.state === 'paused' && !producer.paused) producer.pause();
      producer.on('trackended', () => this.#onTrackEnded(source, producer));
      if (source === 'camera') this.#applyAudioFirst();
    } catch (error) {
      if (error instanceof Ended || this.#ctx.ended() || slot.track !== track) return;
      if (isTransient(error)) return; // the resume sends it again (publishMissing)
      track.stop();
      Object.assign(slot, { state: 'off', track: null, producer: null });
      this.#ctx.notify(source, error);
    } finally {
      if (!options.keepBusy) slot.busy = false;
      this.#ctx.emit();
    }
  }

  async #publishScreenAudio(entry: ScreenAudio): Promise<void> {
    try {
      const producer = await this.#produce('screen-audio', entry.track, false);
      if (this.#screenAudio === entry) entry.producer = producer;
      else this.#closeProducer(producer);
    } catch (error) {
      if (error instanceof Ended || this.#ctx.ended() || this.#screenAudio !== entry || isTransient(error)) return;
      entry.track.stop();
      this.#screenAudio = null;
      this.#ctx.notify('screen', error);
    }
  }

  async #publishInterpretation(entry: Interpretation): Promise<void> {
    const producer = await this.#produce('interpretation', entry.track, false, entry.language);
    if (this.#interpretation === entry) entry.producer = producer;
    else this.#closeProducer(producer);
  }

  async #produce(source: MediaSource, track: MediaStreamTrack, paused: boolean, language?: string): Promise<ms.Producer> {
    const transport = await this.#ensureTransport();
    const device = this.#ctx.device();
    if (this.#ctx.ended() || !device) throw new Ended();
    const producer = await transport.produce({
      track,
      stopTracks: false,
      appData: { source, paused, ...(language !== undefined && { language }) },
      ...sendOptions(device, source),
    });
    if (this.#ctx.ended()) {
      producer.close();
      throw new Ended();
    }
    return producer;
  }

  #ensureTransport(): Promise<ms.Transport> {
    if (!this.#transport) {
      const device = this.#ctx.device();
      if (!device) return Promise.reject(new Ended());
      const created = createTransport({
        device,
        signaling: this.#ctx.signaling,
        direction: 'send',
        iceServers: this.#ctx.iceServers(),
      }).then((transport) => {
        if (this.#ctx.ended() || this.#transport !== created || this.#ctx.device() !== device) {
          transport.close();
          throw new Ended();
        }
        watchConnection(transport, () => this.#ctx.onStaleTransport(transport));
        return transport;
      });
      this.#transport = created;
      // A failed creation may be retried by the next produce.
      created.catch(() => {
        if (this.#transport === created) this.#transport = null;
      });
    }
    return this.#transport;
  }

  /** The device went away (unplugged, revoked): close its producer so others stop waiting for it. */
  #onTrackEnded(source: LocalSource, producer: ms.Producer): void {
    const slot = this.#slots[source];
    if (slot.producer !== producer || this.#ctx.ended()) return;
    if (source === 'screen') {
      this.#stopScreenShare();
      return;
    }
    this.#closeProducer(producer);
    Object.assign(slot, { state: 'off', track: null, producer: null });
    this.#ctx.emit();
  }

  #stopScreenShare(): void {
    const slot = this.#slots.screen;
    if (slot.producer) this.#closeProducer(slot.producer);
    slot.track?.stop();
    Object.assign(slot, { state: 'off', track: null, producer: null });
    const audio = this.#screenAudio;
    this.#screenAudio = null;
    if (audio?.producer) this.#closeProducer(audio.producer);
    audio?.track.stop();
    this.#ctx.emit();
  }

  /** Closes a local producer and tells the server; a producer the server already dropped is fine. */
  #closeProducer(producer: ms.Producer): void {
    const wasOpen = !producer.closed;
    producer.close();
    if (!wasOpen || !this.#ctx.live()) return;
    this.#ctx.signaling.request('closeProducer', { producerId: producer.id }).catch((error: unknown) => {
      if (this.#ctx.ended() || isTransient(error) || (isSignalingError(error) && error.code === ErrorCode.ProducerNotFound)) return;
      this.#ctx.notify('connection', error);
    });
  }

  #applyAudioFirst(): void {
    const producer = this.#slots.camera.producer;
    if (!producer || producer.closed || producer.kind !== 'video') return;
    const layers = producer.rtpParameters.encodings?.length ?? 1;
    const svc = layers === 1 && /^L3/.test(producer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '');
    if (layers < 2 && !svc) return;
    const top = svc ? 2 : layers - 1;
    producer.setMaxSpatialLayer(this.#audioFirst ? 0 : top).catch((error: unknown) => log('setMaxSpatialLayer: %o', error));
  }

  /** The end of the meeting: close the transport (and producers), stop every track. */
  finish(): void {
    this.dropTransport();
    for (const slot of Object.values(this.#slots)) {
      slot.producer?.close();
      slot.track?.stop();
      Object.assign(slot, { state: 'off', busy: false, track: null, producer: null });
    }
    this.#screenAudio?.producer?.close();
    this.#screenAudio?.track.stop();
    this.#screenAudio = null;
    this.#interpretation?.producer?.close();
    this.#interpretation?.track.stop();
    this.#interpretation = null;
  }
}
