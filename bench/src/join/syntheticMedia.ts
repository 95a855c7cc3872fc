import wrtc from '@roamhq/wrtc';

const { RTCAudioSource, RTCVideoSource } = wrtc.nonstandard;

export type SyntheticMediaOptions = {
  /** Frame size of the synthetic camera. Default 320 × 240. */
  width?: number;
  height?: number;
  /** Frames per second. Default 15. */
  framesPerSecond?: number;
};

/** A wrtc MediaStreamTrack (the DOM type is not in the bench's lib). */
export type Track = ReturnType<InstanceType<typeof RTCVideoSource>['createTrack']>;

/**
 * One synthetic camera and one synthetic microphone for the whole process: wrtc's
 * nonstandard RTCVideoSource and RTCAudioSource, each fed from one timer. Every
 * participant takes its own tracks of them (`createTrack()`), so each peer
 * connection still encodes its own VP8 and Opus, while the JS side pushes one frame
 * and one 10 ms audio chunk per tick however many participants there are.
 *
 * Video: I420 frames with a bar that moves one step per frame over a grey gradient
 * (30 precomputed frames, so a frame costs no JS work). Audio: a 440 Hz tone,
 * 48 kHz mono, 10 ms per chunk.
 */
export class SyntheticMedia {
  readonly width: number;
  readonly height: number;
  readonly framesPerSecond: number;
  readonly #video = new RTCVideoSource();
  readonly #audio = new RTCAudioSource();
  readonly #frames: Uint8Array[];
  readonly #tone: Int16Array;
  readonly #tracks: Track[] = [];
  #videoTimer: NodeJS.Timeout | undefined;
  #audioTimer: NodeJS.Timeout | undefined;

  constructor(options: SyntheticMediaOptions = {}) {
    this.width = options.width ?? 320;
    this.height = options.height ?? 240;
    this.framesPerSecond = options.framesPerSecond ?? 15;
    this.#frames = Array.from({ length: 30 }, (_, i) => this.#frame(i / 30));
    this.#tone = Int16Array.from({ length: 480 }, (_, i) => Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / 48_000)));
  }

  /** Starts feeding both sources. */
  start(): void {
    let frame = 0;
    this.#videoTimer = setInterval(() => {
      const data = this.#frames[frame++ % this.#frames.length] as Uint8Array;
      this.#video.onFrame({ width: this.width, height: this.height, data });
    }, 1000 / this.framesPerSecond);
    // Audio wants a 10 ms chunk every 10 ms; timers drift, so catch up on the elapsed time.
    const t0 = performance.now();
    let sent = 0;
    this.#audioTimer = setInterval(() => {
      const due = Math.floor((performance.now() - t0) / 10);
      for (; sent < due; sent++) {
        this.#audio.onData({ samples: this.#tone, sampleRate: 48_000, bitsPerSample: 16, channelCount: 1, numberOfFrames: 480 });
      }
    }, 10);
  }

  /** A new camera track and microphone track for one participant. */
  tracks(): { video: Track; audio: Track } {
    const video = this.#video.createTrack();
    const audio = this.#audio.createTrack();
    this.#tracks.push(video, audio);
    return { video, audio };
  }

  stop(): void {
    clearInterval(this.#videoTimer);
    clearInterval(this.#audioTimer);
    for (const track of this.#tracks) track.stop();
  }

  #frame(phase: number): Uint8Array {
    const { width, height } = this;
    const data = new Uint8Array((width * height * 3) / 2);
    const bar = Math.floor(phase * width);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        data[y * width + x] = Math.abs(x - bar) < 16 ? 235 : 40 + Math.floor((160 * y) / height);
      }
    }
    data.fill(128, width * height); // neutral chroma
    return data;
  }
}
