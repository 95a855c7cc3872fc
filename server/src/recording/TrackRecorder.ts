import { writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { types } from 'mediasoup';
import type { Logger } from '../logger.js';
import { containerFor, finish, freePortPair, sdpFor, startFfmpeg } from './ffmpeg.js';

export type TrackRecorderOptions = {
  /** The router the producer lives on. */
  router: types.Router;
  producer: types.Producer;
  /** Folder of the recording. */
  dir: string;
  /** File name without extension, unique in `dir`. */
  baseName: string;
  log: Logger;
};

/**
 * One producer copied into one file during the call: a PlainTransport on the producer's router
 * sends its RTP to an ffmpeg started for it (an SDP file says what comes), which copies the
 * packets into WebM (VP8/VP9/Opus) or Matroska without transcoding. The consumer starts paused
 * and is resumed once ffmpeg listens; a video track asks for a keyframe then (and once more),
 * so the file starts decodable. Closed when stopped, or when its producer or router goes.
 */
export class TrackRecorder {
  readonly fileName: string;
  readonly kind: types.MediaKind;
  readonly #transport: types.PlainTransport;
  readonly #consumer: types.Consumer;
  readonly #ffmpeg: ChildProcess;
  readonly #dir: string;
  #stopping: Promise<number> | undefined;
  /** Called once, when the track ends by itself (producer closed, router gone). */
  onEnded: (() => void) | undefined;

  private constructor(
    options: TrackRecorderOptions,
    parts: { transport: types.PlainTransport; consumer: types.Consumer; ffmpeg: ChildProcess; fileName: string },
  ) {
    this.fileName = parts.fileName;
    this.kind = options.producer.kind;
    this.#transport = parts.transport;
    this.#consumer = parts.consumer;
    this.#ffmpeg = parts.ffmpeg;
    this.#dir = options.dir;
    const ended = () => this.onEnded?.();
    this.#consumer.once('producerclose', ended);
    this.#consumer.once('transportclose', ended);
    // ffmpeg ends by itself after 10 s without packets (a paused camera or microphone): the track ends.
    this.#ffmpeg.once('exit', () => {
      if (!this.#stopping) ended();
    });
  }

  static async start(options: TrackRecorderOptions): Promise<TrackRecorder> {
    const { router, producer, dir, baseName, log } = options;
    const port = await freePortPair();
    const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: false, comedia: false });
    try {
      await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
      const codec = consumer.rtpParameters.codecs[0];
      const fileName = `${baseName}.${containerFor(codec?.mimeType ?? '')}`;
      const sdpFile = path.join(dir, `${baseName}.sdp`);
      await writeFile(sdpFile, sdpFor(consumer.rtpParameters, consumer.kind, port));
      const { child, stderr } = startFfmpeg([
        '-protocol_whitelist',
        'file,udp,rtp',
        '-fflags',
        '+genpts',
        '-i',
        sdpFile,
        '-map',
        '0',
        '-c',
        'copy',
        // Short clusters reach the disk often: a recorder killed (or a server that dies) loses about a second.
        '-cluster_time_limit',
        '1000',
        '-flush_packets',
        '1',
        '-y',
        path.join(dir, fileName),
      ]);
      // 255: ended by our SIGINT (the file is complete). A signal: killed (by us after the grace, or with the server).
      child.once('exit', (code, signal) => {
        if (signal !== null) log.info({ signal, fileName }, 'track recorder killed; its file ends where it was');
        else if (code !== 0 && code !== 255) log.warn({ code, stderr: stderr(), fileName }, 'track recorder ended with an error');
      });
      const recorder = new TrackRecorder(options, { transport, consumer, ffmpeg: child, fileName });
      // ffmpeg binds its RTP port after reading the SDP; media sent before that is lost, nothing worse.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await consumer.resume();
      if (consumer.kind === 'video') {
        await consumer.requestKeyFrame();
        setTimeout(() => void consumer.requestKeyFrame().catch(() => undefined), 1_000).unref();
      }
      return recorder;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  /** Stops copying and lets ffmpeg write the file's end; resolves with the file's size (0: no media came). */
  stop(): Promise<number> {
    this.#stopping ??= (async () => {
      // Signal first, while packets still come (ffmpeg notices the signal between packets), then close.
      await finish(this.#ffmpeg);
      this.#transport.close();
      return stat(path.join(this.#dir, this.fileName)).then(
        (s) => s.size,
        () => 0,
      );
    })();
    return this.#stopping;
  }
}
