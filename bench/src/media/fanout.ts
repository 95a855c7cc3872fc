import { performance } from 'node:perf_hooks';
import type { types } from 'mediasoup';
import { udpReceiveBufferDrops } from '../lib/machine.js';
import { sleep } from '../lib/stats.js';
import { CountingSink, SyntheticVp8Sender, vp8ProducerParameters } from './rtp.js';
import type { MediaStack } from './stacks.js';

export type StreamOptions = { packetsPerSecond: number; packetBytes: number };

export type FanOutStep = {
  consumers: number;
  windowSeconds: number;
  sentPackets: number;
  expectedPackets: number;
  receivedPackets: number;
  loss: number;
  forwardedPerSecond: number;
  /** Worker CPU (ru_utime + ru_stime from worker.getResourceUsage()) over the window, fraction of one core. */
  workerCpu: number;
  /** Worker CPU per packet received at the sinks, in microseconds. */
  workerMicrosPerPacket: number;
  /** CPU of the bench process (sender + sinks), fraction of one core. */
  harnessCpu: number;
  keyFrameRequests: number;
  /** Datagrams the kernel dropped for a full receive buffer during the window (machine-wide; null off Linux). */
  kernelRcvbufDrops: number | null;
  sendErrors: number;
  /** Fewest and most window packets one sink got: equal counts mean loss before the fan-out (input), unequal at the sinks. */
  perSinkMin: number;
  perSinkMax: number;
  /** How long after the window the last window packets still arrived (the worker's backlog), capped at 3 s. */
  drainMs: number;
};

/**
 * Plain transports listen on loopback with 4 MiB socket buffers (the kernel's rmem_max
 * here), for both stacks alike: at 1,000 packets/s a default buffer (~200 KiB) holds
 * under 100 ms of video, and on a busy 2-core machine a worker descheduled for longer
 * would drop input at the socket, which says nothing about its forwarding capacity.
 */
export const LISTEN = {
  protocol: 'udp',
  ip: '127.0.0.1',
  recvBufferSize: 4 * 1024 * 1024,
  sendBufferSize: 4 * 1024 * 1024,
} as const;
const cpuMs = (u: types.WorkerResourceUsage) => u.ru_utime + u.ru_stime;

/**
 * One producer on a PlainTransport (fed by the synthetic sender) fanned out to K
 * consumers, each on its own PlainTransport (comedia off, connected to a local UDP
 * sink). RTP only, plain UDP on 127.0.0.1: no ICE, DTLS or SRTP.
 */
export class FanOut {
  readonly stack: MediaStack;
  readonly #sender: SyntheticVp8Sender;
  readonly #producer: types.Producer;
  readonly #sinks: CountingSink[] = [];
  readonly #transports: types.PlainTransport[] = [];

  private constructor(stack: MediaStack, sender: SyntheticVp8Sender, producer: types.Producer, transport: types.PlainTransport) {
    this.stack = stack;
    this.#sender = sender;
    this.#producer = producer;
    this.#transports.push(transport);
  }

  static async create(stack: MediaStack, ssrc: number): Promise<FanOut> {
    const sender = await SyntheticVp8Sender.open(ssrc);
    const transport = await stack.router.createPlainTransport({ listenInfo: LISTEN, rtcpMux: true, comedia: false });
    await transport.connect({ ip: '127.0.0.1', port: sender.port });
    sender.sendTo('127.0.0.1', transport.tuple.localPort);
    const producer = await transport.produce({
      kind: 'video',
      rtpParameters: vp8ProducerParameters(ssrc) as types.RtpParameters,
    });
    return new FanOut(stack, sender, producer, transport);
  }

  get consumers(): number {
    return this.#sinks.length;
  }

  /** Adds consumers (each with its transport and sink) until there are `count`. */
  async growTo(count: number): Promise<void> {
    while (this.#sinks.length < count) {
      const sink = await CountingSink.open();
      const transport = await this.stack.router.createPlainTransport({ listenInfo: LISTEN, rtcpMux: true, comedia: false });
      await transport.connect({ ip: '127.0.0.1', port: sink.port });
      const consumer = await transport.consume({
        producerId: this.#producer.id,
        rtpCapabilities: this.stack.router.rtpCapabilities,
      });
      const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
      if (ssrc === undefined) throw new Error('consumer has no SSRC');
      sink.expect(ssrc);
      this.#sinks.push(sink);
      this.#transports.push(transport);
    }
  }

  /**
   * Streams for `warmupSeconds` (key frame first, so every consumer is in sync), then
   * counts the packets sent in a `windowSeconds` window at every sink, and the worker's
   * CPU over that window. The sender stops after the window; late packets of the window
   * still count until none has arrived for 200 ms (at most `maxDrainMs`).
   */
  async measure(
    stream: StreamOptions,
    options: { warmupSeconds: number; windowSeconds: number; maxDrainMs?: number },
  ): Promise<FanOutStep> {
    const k = this.#sinks.length;
    // A worker still working off the backlog of an overloaded step would start this one behind.
    await this.#quiet(() => this.#received(), 10_000);
    const requests0 = this.#sender.keyFrameRequests;
    this.#sender.requestKeyFrame();
    this.#sender.start(stream);
    try {
      await sleep(options.warmupSeconds * 1000);
      const from = this.#sender.nextIndex;
      for (const sink of this.#sinks) sink.openWindow(from);
      const drops0 = udpReceiveBufferDrops();
      const sendErrors0 = this.#sender.sendErrors;
      const ru0 = await this.stack.worker.getResourceUsage();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await sleep(options.windowSeconds * 1000);
      const to = this.#sender.nextIndex;
      for (const sink of this.#sinks) sink.closeWindow(to);
      const ru1 = await this.stack.worker.getResourceUsage();
      const cpu1 = process.cpuUsage(cpu0);
      const wallMs = performance.now() - t0;
      this.#sender.stop();
      const drainMs = await this.#quiet(() => this.#counted(), options.maxDrainMs ?? 3000);
      const drops1 = udpReceiveBufferDrops();
      const sent = to - from;
      const received = this.#counted();
      const perSink = this.#sinks.map((s) => s.counted);
      const workerMs = cpuMs(ru1) - cpuMs(ru0);
      return {
        consumers: k,
        windowSeconds: wallMs / 1000,
        sentPackets: sent,
        expectedPackets: sent * k,
        receivedPackets: received,
        loss: sent * k > 0 ? 1 - received / (sent * k) : Number.NaN,
        forwardedPerSecond: received / (wallMs / 1000),
        workerCpu: workerMs / wallMs,
        workerMicrosPerPacket: received > 0 ? (workerMs * 1000) / received : Number.NaN,
        harnessCpu: (cpu1.user + cpu1.system) / 1000 / wallMs,
        keyFrameRequests: this.#sender.keyFrameRequests - requests0,
        kernelRcvbufDrops: drops0 === null || drops1 === null ? null : drops1 - drops0,
        sendErrors: this.#sender.sendErrors - sendErrors0,
        perSinkMin: Math.min(...perSink),
        perSinkMax: Math.max(...perSink),
        drainMs,
      };
    } finally {
      this.#sender.stop();
    }
  }

  #counted(): number {
    return this.#sinks.reduce((sum, s) => sum + s.counted, 0);
  }

  #received(): number {
    return this.#sinks.reduce((sum, s) => sum + s.received, 0);
  }

  /** Waits until `count` has not moved for 200 ms (at most `maxMs`); returns when it last moved. */
  async #quiet(count: () => number, maxMs: number): Promise<number> {
    const t0 = performance.now();
    let last = count();
    let quietSince = t0;
    while (performance.now() - t0 < maxMs) {
      await sleep(50);
      const now = count();
      if (now !== last) {
        last = now;
        quietSince = performance.now();
      } else if (performance.now() - quietSince >= 200) break;
    }
    return quietSince - t0;
  }

  close(): void {
    this.#sender.close();
    for (const transport of this.#transports) transport.close();
    for (const sink of this.#sinks) sink.close();
    this.stack.close();
  }
}
