import { debug } from 'mediasoup-client';
import { StatsSampler, classify, worse, type ConnectionQuality, type LinkSample } from './networkQuality';
import type { Receiver } from './Receiver';
import type { Sender } from './Sender';

const log = debug('ca:media:quality');

/** The server gets one quality report per this many samples (with the default 2 s: every 6 s). */
const SAMPLES_PER_REPORT = 3;

/** What the server keeps for attendance: the `reportStats` request's payload. */
export type QualityReport = { rttMs?: number; lossPct?: number; bitrateKbps?: number };

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
  /** Sends a quality report to the server (every few samples); failures are the caller's to ignore. */
  report?: (report: QualityReport) => void;
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
  #samples = 0;
  #lastBytes: { bytes: number; at: number } | undefined;

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
      const sendReport = send && !send.closed ? await send.getStats() : undefined;
      const sent = sendReport ? this.#outbound.outbound(sendReport) : {};
      const quality = worse(classify(received), classify(sent));
      const bytes = (received.bytes ?? 0) + ((sendReport && StatsSampler.bytes(sendReport)) ?? 0);
      this.#report({ loss: maxOf(received.loss, sent.loss), rttMs: maxOf(received.rttMs, sent.rttMs) }, bytes);
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

  /** Every few samples: the link as it is now, and the bitrate since the last report. */
  #report(link: LinkSample, bytes: number): void {
    this.#samples += 1;
    if (!this.#options.report || this.#samples % SAMPLES_PER_REPORT !== 0) return;
    const now = performance.now();
    const last = this.#lastBytes;
    this.#lastBytes = { bytes, at: now };
    const report: QualityReport = {};
    if (link.rttMs !== undefined) report.rttMs = Math.round(Math.min(link.rttMs, 60_000));
    if (link.loss !== undefined) report.lossPct = Math.round(Math.min(link.loss, 1) * 1000) / 10;
    if (last && now > last.at && bytes >= last.bytes) report.bitrateKbps = Math.round(((bytes - last.bytes) * 8) / (now - last.at));
    this.#options.report(report);
  }
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}
