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
  /**
   * CPU (ru_utime + ru_stime from worker.getResourceUsage()) over the window of the worker
   * whose router the consumers are on (the one fanning out), fraction of one core.
   */
  workerCpu: number;
  /** That worker's CPU per packet received at the sinks, in microseconds. */
  workerMicrosPerPacket: number;
  /** CPU over the window of each worker the fan-out watches (`FanOutOptions.watch`), by its name there; fraction of one core. */
  watchedCpu: Record<string, number>;
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
  /** How the link's counters (`ViewerLink.counters`) moved over the window and its drain; empty without a link. */
  linkCounters: Record<string, number>;
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

/** What carries the producer to the viewers' router; closed with the fan-out. */
export type ViewerLink = {
  close: () => void;
  /** Running totals (e.g. a pipe's repairs), which each window reports the change of in `linkCounters`. */
  counters?: () => Promise<Record<string, number>>;
};

/**
 * Consumers on another router than the producer's: `bring` carries the producer there
 * (with the same id, as a pipe does).
 */
export type RemoteViewers = {
  stack: MediaStack;
  bring: (producerId: string) => Promise<ViewerLink>;
};

export type FanOutOptions = {
  /** SSRC of the synthetic stream. */
  ssrc: number;
  /** Where the consumers are. Default: on the producer's own router. */
  viewers?: RemoteViewers;
  /** Workers whose CPU each window also reads, reported by these names in `watchedCpu`. Default: none. */
  watch?: Record<string, types.Worker>;
};

/**
 * One producer on a PlainTransport (fed by the synthetic sender) fanned out to K
 * consumers, each on its own PlainTransport (comedia off, connected to a local UDP
 * sink). RTP only, plain UDP on 127.0.0.1: no ICE, DTLS or SRTP. The consumers are on
 * the producer's router, or on another stack's router the producer is brought to.
 * The stacks belong to the caller, who closes them.
 */
export class FanOut {
  /** The stack whose router has the producer. */
  readonly source: MediaStack;
  /** The stack whose router has the consumers (the source itself unless `viewers` was given). */
  readonly viewers: MediaStack;
  readonly #sender: SyntheticVp8Sender;
  readonly #producerId: string;
  readonly #watch: Record<string, types.Worker>;
  readonly #sinks: CountingSink[] = [];
  readonly #transports: types.PlainTransport[] = [];
  readonly #link: ViewerLink | undefined;

  private constructor(
    source: MediaStack,
    parts: { sender: SyntheticVp8Sender; producerId: string; transport: types.PlainTransport; link?: ViewerLink | undefined },
    options: FanOutOptions,
  ) {
    this.source = source;
    this.viewers = options.viewers?.stack ?? source;
    this.#sender = parts.sender;
    this.#producerId = parts.producerId;
    this.#transports.push(parts.transport);
    this.#link = parts.link;
    this.#watch = options.watch ?? {};
  }

  static async create(source: MediaStack, options: FanOutOptions): Promise<FanOut> {
    const sender = await SyntheticVp8Sender.open(options.ssrc);
    try {
      // Transports and producers left by a failure here close with the caller's stacks.
      const transport = await source.router.createPlainTransport({ listenInfo: LISTEN, rtcpMux: true, comedia: false });
      await transport.connect({ ip: '127.0.0.1', port: sender.port });
      sender.sendTo('127.0.0.1', transport.tuple.localPort);
      const producer = await transport.produce({
        kind: 'video',
        rtpParameters: vp8ProducerParameters(options.ssrc) as types.RtpParameters,
      });
      const link = await options.viewers?.bring(producer.id);
      return new FanOut(source, { sender, producerId: producer.id, transport, link }, options);
    } catch (error) {
      sender.close();
      throw error;
    }
  }

  get consumers(): number {
    return this.#sinks.length;
  }

  /** Adds consumers (each with its transport and sink) until there are `count`. */
  async growTo(count: number): Promise<void> {
    while (this.#sinks.length < count) {
      const sink = await CountingSink.open();
      const transport = await this.viewers.router.createPlainTransport({ listenInfo: LISTEN, rtcpMux: true, comedia: false });
      await transport.connect({ ip: '127.0.0.1', port: sink.port });
      const consumer = await transport.consume({
        producerId: this.#producerId,
        rtpCapabilities: this.viewers.router.rtpCapabilities,
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
   * counts the packets sent in a `windowSeconds` window at every sink, and the CPU of the
   * consumers' worker (and of the watched ones) over that window. The sender stops after the window; late packets of the window
   * still count until none has arrived for 200 ms (at most `maxDrainMs`).
   */
  async measure(stream: StreamOptions, options: { warmupSeconds: number; windowSeconds: number; maxDrainMs?: number }): Promise<FanOutStep> {
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
      const link0 = await this.#linkCounters();
      const sendErrors0 = this.#sender.sendErrors;
      const worker0 = await this.#workerCpuMs();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await sleep(options.windowSeconds * 1000);
      const to = this.#sender.nextIndex;
      for (const sink of this.#sinks) sink.closeWindow(to);
      const worker1 = await this.#workerCpuMs();
      const cpu1 = process.cpuUsage(cpu0);
      const wallMs = performance.now() - t0;
      this.#sender.stop();
      const drainMs = await this.#quiet(() => this.#counted(), options.maxDrainMs ?? 3000);
      const drops1 = udpReceiveBufferDrops();
      const link1 = await this.#linkCounters();
      const sent = to - from;
      const received = this.#counted();
      const perSink = this.#sinks.map((s) => s.counted);
      const workerMsOf = (worker: types.Worker) => (worker1.get(worker) ?? Number.NaN) - (worker0.get(worker) ?? Number.NaN);
      const workerMs = workerMsOf(this.viewers.worker);
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
        watchedCpu: Object.fromEntries(Object.entries(this.#watch).map(([name, worker]) => [name, workerMsOf(worker) / wallMs])),
        harnessCpu: (cpu1.user + cpu1.system) / 1000 / wallMs,
        keyFrameRequests: this.#sender.keyFrameRequests - requests0,
        kernelRcvbufDrops: drops0 === null || drops1 === null ? null : drops1 - drops0,
        sendErrors: this.#sender.sendErrors - sendErrors0,
        perSinkMin: Math.min(...perSink),
        perSinkMax: Math.max(...perSink),
        drainMs,
        linkCounters: Object.fromEntries(Object.entries(link1).map(([name, value]) => [name, value - (link0[name] ?? 0)])),
      };
    } finally {
      this.#sender.stop();
    }
  }

  /** CPU ms so far of the consumers' worker and the watched ones, each read once. */
  async #workerCpuMs(): Promise<Map<types.Worker, number>> {
    const workers = new Set([this.viewers.worker, ...Object.values(this.#watch)]);
    return new Map(await Promise.all([...workers].map(async (w) => [w, cpuMs(await w.getResourceUsage())] as const)));
  }

  async #linkCounters(): Promise<Record<string, number>> {
    return (await this.#link?.counters?.()) ?? {};
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

  /** Closes the sender, transports, sinks and the link to the viewers' router; not the stacks. */
  close(): void {
    this.#sender.close();
    for (const transport of this.#transports) transport.close();
    this.#link?.close();
    for (const sink of this.#sinks) sink.close();
  }
}
