export type MicLevelMeterOptions = {
  /** Called with the level, 0 (silence) to 100 (full scale), every `intervalMs`. */
  onLevel: (level: number) => void;
  /** Sampling interval in ms. Default 100. */
  intervalMs?: number;
  /** An AudioContext to share (many meters on one page); it stays open on close(). Default: a new one per meter. */
  context?: AudioContext;
};

/** Quietest level shown, in dBFS; everything below reads as 0. */
const FLOOR_DB = -60;
/** How fast the shown level falls back, in level points per second (peaks rise at once, like a VU meter). */
const RELEASE_PER_SECOND = 60;

/**
 * Measures how loud a microphone track is with a Web Audio AnalyserNode (RMS of
 * the waveform, in dBFS, scaled to 0-100, with a VU-style fall-back). Nothing is played back. Browsers may
 * start the AudioContext suspended until the person interacts with the page, so
 * the meter resumes it on the first click or key press.
 */
export class MicLevelMeter {
  readonly #context: AudioContext;
  readonly #ownsContext: boolean;
  readonly #source: MediaStreamAudioSourceNode;
  readonly #analyser: AnalyserNode;
  readonly #samples: Float32Array<ArrayBuffer>;
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #onLevel: (level: number) => void;
  readonly #releasePerSample: number;
  #shown = 0;
  readonly #resume = () => {
    if (this.#context.state === 'suspended') this.#context.resume().catch(() => undefined);
  };
  #closed = false;

  constructor(track: MediaStreamTrack, options: MicLevelMeterOptions) {
    this.#onLevel = options.onLevel;
    const intervalMs = options.intervalMs ?? 100;
    this.#releasePerSample = (RELEASE_PER_SECOND * intervalMs) / 1000;
    this.#ownsContext = !options.context;
    this.#context = options.context ?? new AudioContext();
    this.#source = this.#context.createMediaStreamSource(new MediaStream([track]));
    this.#analyser = this.#context.createAnalyser();
    this.#analyser.fftSize = 1024;
    this.#analyser.smoothingTimeConstant = 0.3;
    this.#source.connect(this.#analyser);
    this.#samples = new Float32Array(this.#analyser.fftSize);
    this.#timer = setInterval(() => this.#sample(), intervalMs);
    this.#resume();
    document.addEventListener('pointerdown', this.#resume, true);
    document.addEventListener('keydown', this.#resume, true);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    document.removeEventListener('pointerdown', this.#resume, true);
    document.removeEventListener('keydown', this.#resume, true);
    this.#source.disconnect();
    if (this.#ownsContext) this.#context.close().catch(() => undefined);
  }

  #sample(): void {
    this.#analyser.getFloatTimeDomainData(this.#samples);
    let sum = 0;
    for (const s of this.#samples) sum += s * s;
    const rms = Math.sqrt(sum / this.#samples.length);
    const db = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
    const level = db <= FLOOR_DB ? 0 : Math.min(100, Math.round(((db - FLOOR_DB) / -FLOOR_DB) * 100));
    this.#shown = Math.max(level, Math.round(this.#shown - this.#releasePerSample));
    this.#onLevel(Math.max(0, this.#shown));
  }
}
