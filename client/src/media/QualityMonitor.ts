import { debug } from 'mediasoup-client';
import { StatsSampler, classify, worse, type ConnectionQuality } from './networkQuality';
import type { Receiver } from './Receiver';
import type { Sender } from './Sender';

const log = debug('ca:media:quality');

/** Poor samples in a row before audio-first starts. */
const POOR_SAMPLES_FOR_AUDIO_FIRST = 2;
/**
 * Good samples in a row before an automatic audio-first ends (10 s at the default 2 s
 * interval). Doubles each time it ends, so a link that is only good while video is paused
 * does not flap between the two.
 */
const GOOD_SAMPLES_TO_END_AUDIO_FIRST = 5;

export type QualityMonitorOptions = {
  receiver: Receiver;
  sender: Sender;
  /** Sample only while this holds (joined and connected). */
  active: () => boolean;
  onChange: () => void;
  /** How often to sample, in ms (0: never). */
  intervalMs: number;
};

/**
 * Samples getStats of both transports: each participant's quality (Receiver), ours
 * (the worse of what we receive and what the server reports about what we send).
 * When ours stays poor, audio-first: incoming cameras paused, our camera down to
 * its lowest layer, until ours is good again for a while (measured with real links:
 * without this a 300 kbit/s uplink that lifted left video off for the rest of the
 * meeting) or the person turns video back on (then it stays on).
 */
export class QualityMonitor {
  readonly #options: QualityMonitorOptions;
  readonly #outbound = new StatsSampler();
  #timer: ReturnType<typeof setInterval> | undefined;
  #quality: ConnectionQuality | null = null;
  #poorSamples = 0;
  #goodSamples = 0;
  #goodSamplesToEnd = GOOD_SAMPLES_TO_END_AUDIO_FIRST;
  #audioFirst = false;
  #overridden = false;

  constructor(options: QualityMonitorOptions) {
    this.#options = options;
  }

  get quality(): ConnectionQuality | null {
    return this.#quality;
  }

  get audioFirst(): boolean {
    return this.#audioFirst;
  }

  start(): void {
    if (this.#options.intervalMs <= 0 || this.#timer) return;
    this.#timer = setInterval(() => void this.sample(), this.#options.intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The person wants video: audio-first ends and does not come back in this meeting. */
  override(): void {
    this.#overridden = true;
    this.setAudioFirst(false);
  }

  setAudioFirst(on: boolean): void {
    if (this.#audioFirst === on) return;
    log('audio-first %s', on ? 'on' : 'off');
    this.#audioFirst = on;
    this.#options.receiver.setAudioFirst(on);
    this.#options.sender.setAudioFirst(on);
    this.#options.onChange();
  }

  async sample(): Promise<void> {
    if (!this.#options.active()) return;
    try {
      const received = await this.#options.receiver.sample();
      const send = await this.#options.sender.transport?.catch(() => null);
      const sent = send && !send.closed ? this.#outbound.outbound(await send.getStats()) : {};
      const quality = worse(classify(received), classify(sent));
      if (quality !== this.#quality) {
        this.#quality = quality;
        this.#options.onChange();
      }
      this.#poorSamples = quality === 'poor' ? this.#poorSamples + 1 : 0;
      this.#goodSamples = quality === 'good' ? this.#goodSamples + 1 : 0;
      if (this.#overridden) return;
      if (this.#poorSamples >= POOR_SAMPLES_FOR_AUDIO_FIRST) this.setAudioFirst(true);
      else if (this.#audioFirst && this.#goodSamples >= this.#goodSamplesToEnd) {
        this.#goodSamplesToEnd *= 2;
        this.setAudioFirst(false);
      }
    } catch (error) {
      log('stats: %o', error);
    }
  }
}
