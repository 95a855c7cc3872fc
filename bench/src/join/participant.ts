import wrtc from '@roamhq/wrtc';
import {
  PROTOCOL_VERSION,
  SOCKET_PATH,
  type Ack,
  type ClientToServerEvents,
  type DtlsParametersWire,
  type ProducerInfo,
  type RequestName,
  type RequestPayload,
  type ResponsePayload,
  type RtpParametersWire,
  type ServerToClientEvents,
} from '@ca/signaling';
import { Device, type types as ms } from 'mediasoup-client';
import { io, type Socket } from 'socket.io-client';
import type { Track } from './syntheticMedia.js';

const { RTCVideoSink } = wrtc.nonstandard;

/** Milestones of one join, in ms after the participant started connecting (null = not reached). */
export type JoinTimings = {
  connected: number | null;
  joined: number | null;
  /** The send transport's connectionState became 'connected' (ICE + DTLS done). */
  sendConnected: number | null;
  /** Both producers acked by the server. */
  produced: number | null;
  /** The receive transport's ICE + DTLS done (it starts with the first consumer). */
  recvConnected: number | null;
  /** The first remote video frame decoded (wrtc RTCVideoSink 'frame'; audio only: the first remote audio packets received): the join latency. */
  firstRemoteMedia: number | null;
  /** The same from every remote participant it consumes (all N − 1, or its gallery's worth). */
  allRemoteMedia: number | null;
};

export type JoinOutcome = {
  index: number;
  timings: JoinTimings;
  /** Remote cameras seen by the end (of N − 1). */
  remoteVideos: number;
  /** Why the join failed, when it did (timeout, refused request, transport failure). */
  error: string | null;
};

export type ParticipantOptions = {
  url: string;
  roomId: string;
  index: number;
  /** Everyone in the room, this participant included; `allRemoteMedia` waits for N − 1 cameras. */
  roomSize: number;
  /**
   * Remote participants whose camera and microphone this one consumes at most, like a gallery
   * page (the protocol lets a client consume only what it shows). Default: all of them.
   */
  maxRemotePeers?: number;
  tracks: { video: Track; audio: Track };
  /** false: a viewer that only consumes (a stage's audience). Default true. */
  publish?: boolean;
  /** Sends and waits for microphones only: no video encoders or decoders in the load generator. */
  audioOnly?: boolean;
};

/** mediasoup-client's track type (a DOM MediaStreamTrack; wrtc's tracks stand in for it). */
type ClientTrack = ms.Consumer['track'];
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type LooseEmit = (event: string, payload: unknown, ack: (response: Ack<unknown>) => void) => void;

/**
 * One simulated meeting participant in Node: socket.io-client and mediasoup-client
 * (Chrome111 handler) over wrtc's RTCPeerConnection, following the protocol as the
 * browser client does: join → createTransport send + recv → produce camera and mic;
 * consume every remote producer (from the join ack and `producerAdded`) → resumeConsumer.
 */
export class Participant {
  readonly #options: ParticipantOptions;
  #t0 = performance.now();
  readonly #timings: JoinTimings = {
    connected: null,
    joined: null,
    sendConnected: null,
    produced: null,
    recvConnected: null,
    firstRemoteMedia: null,
    allRemoteMedia: null,
  };
  readonly #socket: ClientSocket;
  readonly #device = new Device({ handlerName: 'Chrome111' });
  readonly #sinks: InstanceType<typeof RTCVideoSink>[] = [];
  readonly #heardPeers = new Set<string>();
  readonly #consumedPeers = new Set<string>();
  /** Audio only: remote audio consumers (by SSRC) not heard yet, and whose they are. */
  readonly #unheard = new Map<number, string>();
  #send: ms.Transport | undefined;
  #recv: ms.Transport | undefined;
  #pending: ProducerInfo[] = [];
  #error: string | null = null;
  #onFirstFrame: (() => void) | undefined;
  #closed = false;

  constructor(options: ParticipantOptions) {
    this.#options = options;
    this.#socket = io(options.url, {
      path: SOCKET_PATH,
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      autoConnect: false,
      reconnection: false,
    });
  }

  get timings(): JoinTimings {
    return this.#timings;
  }

  /**
   * Joins and resolves once the first remote video frame is decoded, or rejects on the
   * first failure. The deadline is the caller's.
   */
  async join(): Promise<void> {
    this.#t0 = performance.now();
    const firstFrame = new Promise<void>((resolve) => (this.#onFirstFrame = resolve));
    await this.#connect();
    this.#socket.on('producerAdded', ({ producer }) => this.#consumeOrQueue(producer));
    const joined = await this.#request('join', { roomId: this.#options.roomId, displayName: `bench-${this.#options.index}` });
    this.#mark('joined');
    await this.#device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as unknown as ms.RtpCapabilities });
    const [send, recv] = await Promise.all([this.#transport('send'), this.#transport('recv')]);
    this.#send = send;
    this.#recv = recv;
    for (const peer of joined.peers) this.#pending.push(...peer.producers);
    const queued = this.#pending;
    this.#pending = [];
    for (const producer of queued) this.#consumeOrQueue(producer);
    const { video, audio } = this.#options.tracks;
    if (this.#options.publish === false) {
      await firstFrame;
      return;
    }
    await Promise.all([
      ...(this.#options.audioOnly ? [] : [send.produce({ track: video as unknown as ClientTrack, appData: { source: 'camera' } })]),
      send.produce({ track: audio as unknown as ClientTrack, appData: { source: 'microphone' } }),
    ]);
    this.#mark('produced');
    await firstFrame;
  }

  /** Records why the join failed (the first reason wins), with the milestones it had reached. */
  fail(reason: string): void {
    const reached = (Object.keys(this.#timings) as (keyof JoinTimings)[]).filter((k) => this.#timings[k] !== null);
    this.#error ??= `${reason} (reached: ${reached.join(', ') || 'nothing'})`;
  }

  outcome(): JoinOutcome {
    return { index: this.#options.index, timings: { ...this.#timings }, remoteVideos: this.#heardPeers.size, error: this.#error };
  }

  /** Video RTP packets received and lost so far (the receive transport's inbound-rtp stats; RTCP-based loss). */
  async videoReceived(): Promise<{ packets: number; lost: number }> {
    const total = { packets: 0, lost: 0 };
    if (!this.#recv || this.#closed) return total;
    const report = await this.#recv.getStats();
    report.forEach((stat: { type?: string; kind?: string; packetsReceived?: number; packetsLost?: number }) => {
      if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
      total.packets += stat.packetsReceived ?? 0;
      total.lost += Math.max(0, stat.packetsLost ?? 0);
    });
    return total;
  }

  /** Leaves: sinks, transports (with their producers and consumers), socket. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const sink of this.#sinks) if (!sink.stopped) sink.stop();
    for (const transport of [this.#send, this.#recv]) transport?.close();
    this.#socket.disconnect();
  }

  #mark(milestone: keyof JoinTimings): void {
    this.#timings[milestone] ??= performance.now() - this.#t0;
  }

  #connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#socket.once('connect', () => {
        this.#mark('connected');
        resolve();
      });
      this.#socket.once('connect_error', (error) => reject(new Error(`connect: ${error.message}`)));
      this.#socket.connect();
    });
  }

  #request<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>> {
    return new Promise((resolve, reject) => {
      (this.#socket.emit as unknown as LooseEmit)(name, payload, (response) => {
        if (response.ok) resolve(response.data as ResponsePayload<K>);
        else reject(new Error(`${name}: ${response.error.code} ${response.error.message}`));
      });
    });
  }

  async #transport(direction: 'send' | 'recv'): Promise<ms.Transport> {
    const options = await this.#request('createTransport', { direction });
    const params = {
      id: options.id,
      iceParameters: options.iceParameters as unknown as ms.IceParameters,
      iceCandidates: options.iceCandidates as unknown as ms.IceCandidate[],
      dtlsParameters: options.dtlsParameters as unknown as ms.DtlsParameters,
    };
    const transport = direction === 'send' ? this.#device.createSendTransport(params) : this.#device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#request('connectTransport', { transportId: transport.id, dtlsParameters: dtlsParameters as DtlsParametersWire }).then(
        () => callback(),
        errback,
      );
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source === 'camera' ? 'camera' : 'microphone';
      this.#request('produce', { transportId: transport.id, kind, source, rtpParameters: rtpParameters as RtpParametersWire }).then(
        ({ producerId }) => callback({ id: producerId }),
        errback,
      );
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'connected') this.#mark(direction === 'send' ? 'sendConnected' : 'recvConnected');
      if (state === 'failed') this.fail(`${direction} transport failed (ICE/DTLS)`);
    });
    return transport;
  }

  #consumeOrQueue(producer: ProducerInfo): void {
    if (!this.#recv) {
      this.#pending.push(producer);
      return;
    }
    if (!this.#consumedPeers.has(producer.peerId)) {
      if (this.#consumedPeers.size >= (this.#options.maxRemotePeers ?? Number.POSITIVE_INFINITY)) return;
      this.#consumedPeers.add(producer.peerId);
    }
    this.#consume(this.#recv, producer).catch((error: unknown) => {
      if (!this.#closed) this.fail(error instanceof Error ? error.message : String(error));
    });
  }

  async #consume(recv: ms.Transport, producer: ProducerInfo): Promise<void> {
    const answer = await this.#request('consume', {
      transportId: recv.id,
      producerId: producer.producerId,
      rtpCapabilities: this.#device.recvRtpCapabilities as unknown as RequestPayload<'consume'>['rtpCapabilities'],
    });
    const consumer = await recv.consume({
      id: answer.consumerId,
      producerId: answer.producerId,
      kind: answer.kind,
      rtpParameters: answer.rtpParameters as unknown as ms.RtpParameters,
    });
    if (consumer.kind === 'video') this.#watch(consumer.track, answer.peerId);
    await this.#request('resumeConsumer', { consumerId: consumer.id });
    if (consumer.kind === 'audio' && this.#options.audioOnly) this.#listen(recv, consumer, answer.peerId);
  }

  /**
   * Audio only: waits for the consumer's first packets, read from the receive transport's
   * inbound-rtp by SSRC (wrtc has no per-receiver stats); one poll every 20 ms for all of them.
   */
  #listen(recv: ms.Transport, consumer: ms.Consumer, peerId: string): void {
    const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
    if (ssrc === undefined) return;
    this.#unheard.set(ssrc, peerId);
    if (this.#unheard.size > 1) return; // a poll is running
    const poll = async (): Promise<void> => {
      while (!this.#closed && this.#unheard.size > 0) {
        (await recv.getStats()).forEach((s: { type?: string; ssrc?: number; packetsReceived?: number }) => {
          const from = s.type === 'inbound-rtp' && s.ssrc !== undefined && (s.packetsReceived ?? 0) > 0 ? this.#unheard.get(s.ssrc) : undefined;
          if (from === undefined || s.ssrc === undefined) return;
          this.#unheard.delete(s.ssrc);
          this.#heard(from);
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    poll().catch((error: unknown) => this.fail(error instanceof Error ? error.message : String(error)));
  }

  /** Media from a remote participant arrived (a decoded frame, or audio packets). */
  #heard(peerId: string): void {
    this.#mark('firstRemoteMedia');
    this.#onFirstFrame?.();
    this.#heardPeers.add(peerId);
    const wanted = Math.min(this.#options.roomSize - 1, this.#options.maxRemotePeers ?? Number.POSITIVE_INFINITY);
    if (this.#heardPeers.size >= wanted) this.#mark('allRemoteMedia');
  }

  /** Waits for the first decoded frame of a remote camera, then stops copying its frames into JS. */
  #watch(track: ClientTrack, peerId: string): void {
    const sink = new RTCVideoSink(track as unknown as Track);
    this.#sinks.push(sink);
    sink.onframe = () => {
      sink.stop();
      this.#heard(peerId);
    };
  }
}
