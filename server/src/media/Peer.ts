import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';
import {
  ErrorCode,
  roleSends,
  type HostMuteSource,
  type ParticipantRole,
  type DtlsParametersWire,
  type MediaKind,
  type MediaSource,
  type PeerInfo,
  type ProducerInfo,
  type ResponsePayload,
  type RtpCapabilitiesWire,
  type RtpParametersWire,
  type TransportOptionsWire,
} from '@ca/signaling';
import { assertMayInterpret } from '../meeting/interpreting.js';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { clientParameters, closedMeansNotFound, mediaRestarting, mediaServerUp } from './mediaGuards.js';
import { firstForwarded } from './firstForwarded.js';
import type { PoolRouterData } from './WorkerPool.js';

/** How the room wants WebRTC transports made. */
export type TransportSettings = {
  listenInfos: types.TransportListenInfo[];
  /** Bits per second the server starts sending at, before estimates arrive. */
  initialAvailableOutgoingBitrate: number;
  /** Cap on what one client may send us, in bits per second. */
  maxIncomingBitrate: number;
};

/** Who the participant is, from the meeting token (never from the client's word). */
export type Identity = {
  displayName: string;
  role: ParticipantRole;
  /** User id from the token; undefined in demo rooms. */
  userId: string | undefined;
  country: string;
  language: string;
  /** Their identity on another media engine (a LiveKit stage); announced to the room in PeerInfo. */
  mediaIdentity?: string | undefined;
  /** Languages they were assigned to interpret into (from their meeting token); none by default. */
  interprets?: readonly string[] | undefined;
};

export type PeerOptions = Identity & {
  id: string;
  router: types.Router;
  transportSettings: TransportSettings;
  /**
   * Looks a producer up anywhere in the room and makes it consumable on `router`
   * (piping it there from another router of the room if needed).
   */
  findProducer: (producerId: string, router: types.Router) => Promise<{ producer: types.Producer; info: ProducerInfo } | undefined>;
  /** Whether this participant may receive that participant's media now (the same room of a meeting with breakout rooms). Default: always. */
  mayReceive?: (peerId: string) => boolean;
};

type PeerEvents = {
  producerAdded: [info: ProducerInfo];
  producerClosed: [producerId: string];
  producerPaused: [producerId: string];
  producerResumed: [producerId: string];
  /** One of this peer's consumers closed because its producer went away. */
  consumerClosed: [consumerId: string];
  close: [];
};

type Direction = 'send' | 'recv';
type OwnProducer = { producer: types.Producer; source: MediaSource; language?: string | undefined };
type OwnConsumer = { consumer: types.Consumer; peerId: string; source: MediaSource };

/**
 * One participant's media in a room: its WebRTC transports and the producers and
 * consumers on them. Created by `room.addPeer()`. Closing a peer closes its
 * transports, and mediasoup closes their producers and consumers with them.
 */
export class Peer extends TypedEmitter<PeerEvents> {
  readonly id: string;
  readonly displayName: string;
  readonly userId: string | undefined;
  readonly mediaIdentity: string | undefined;
  readonly country: string;
  readonly language: string;
  /** Languages this participant was assigned to interpret into (empty: none). */
  readonly interprets: readonly string[];
  /** Secret that lets this participant take the peer back after a reconnect or reload. */
  readonly resumeKey = randomBytes(24).toString('base64url');
  #role: ParticipantRole;
  #handRaised = false;
  /** The connection dropped; the place is kept for a grace period. */
  #away = false;
  #router: types.Router;
  readonly #settings: TransportSettings;
  readonly #findProducer: PeerOptions['findProducer'];
  readonly #mayReceive: NonNullable<PeerOptions['mayReceive']>;
  readonly #transports = new Map<string, { transport: types.WebRtcTransport; direction: Direction; connected: boolean }>();
  /** Transports being created, per direction, so parallel requests cannot pass the cap together. */
  readonly #creating: Record<Direction, number> = { send: 0, recv: 0 };
  readonly #producers = new Map<string, OwnProducer>();
  readonly #consumers = new Map<string, OwnConsumer>();
  #closed = false;

  constructor(options: PeerOptions) {
    super();
    this.id = options.id;
    this.displayName = options.displayName;
    this.userId = options.userId;
    this.mediaIdentity = options.mediaIdentity;
    this.country = options.country;
    this.language = options.language;
    this.interprets = options.interprets ?? [];
    this.#role = options.role;
    this.#router = options.router;
    this.#settings = options.transportSettings;
    this.#findProducer = options.findProducer;
    this.#mayReceive = options.mayReceive ?? (() => true);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get role(): ParticipantRole {
    return this.#role;
  }

  get handRaised(): boolean {
    return this.#handRaised;
  }

  get away(): boolean {
    return this.#away;
  }

  /** Marks the connection dropped or back; true if that changed anything. */
  setAway(away: boolean): boolean {
    if (this.#away === away) return false;
    this.#away = away;
    return true;
  }

  /** Raises or lowers the hand; true if that changed anything. */
  raiseHand(raised: boolean): boolean {
    if (this.#handRaised === raised) return false;
    this.#handRaised = raised;
    return true;
  }

  /** Takes a new role (a stage: on stage or back); one brought on stage lowers their hand. True if it changed. */
  changeRole(role: ParticipantRole): boolean {
    if (this.#role === role) return false;
    if (!roleSends(role)) this.stopSending();
    else this.#handRaised = false;
    this.#role = role;
    return true;
  }

  /** The router this participant's transports live on. */
  get router(): types.Router {
    return this.#router;
  }

  /** Counts, for health, tests and load figures. */
  get counts(): { transports: number; producers: number; consumers: number } {
    return { transports: this.#transports.size, producers: this.#producers.size, consumers: this.#consumers.size };
  }

  info(): PeerInfo {
    return {
      peerId: this.id,
      displayName: this.displayName,
      role: this.#role,
      handRaised: this.#handRaised,
      away: this.#away,
      producers: this.producerInfos(),
      ...(this.mediaIdentity !== undefined && { mediaIdentity: this.mediaIdentity }),
      ...(this.interprets.length > 0 && { interpreter: true }),
    };
  }

  producerInfos(): ProducerInfo[] {
    return [...this.#producers.values()].map((own) => this.#producerInfo(own));
  }

  getProducer(producerId: string): { producer: types.Producer; info: ProducerInfo } | undefined {
    const own = this.#producers.get(producerId);
    return own && { producer: own.producer, info: this.#producerInfo(own) };
  }

  async createTransport(direction: Direction): Promise<TransportOptionsWire> {
    this.#assertOpen();
    if (direction === 'send') this.#assertMaySend();
    this.#assertRouterUp();
    const existing = [...this.#transports.values()].filter((t) => t.direction === direction).length;
    if (existing + this.#creating[direction] >= 2) {
      throw new AppError(ErrorCode.Conflict, `at most two ${direction} transports per participant`);
    }
    this.#creating[direction] += 1;
    let transport: types.WebRtcTransport;
    try {
      transport = await mediaServerUp(this.#router, () =>
        this.#router.createWebRtcTransport({
          ...listenOn(this.#router, this.#settings),
          preferUdp: true,
          initialAvailableOutgoingBitrate: this.#settings.initialAvailableOutgoingBitrate,
          appData: { peerId: this.id, direction },
        }),
      );
    } finally {
      this.#creating[direction] -= 1;
    }
    if (this.#closed) {
      transport.close();
      throw new AppError(ErrorCode.NotJoined, 'participant left while the transport was created');
    }
    if (direction === 'send') await transport.setMaxIncomingBitrate(this.#settings.maxIncomingBitrate);
    this.#transports.set(transport.id, { transport, direction, connected: false });
    transport.observer.once('close', () => this.#transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: { ...transport.iceParameters },
      iceCandidates: transport.iceCandidates.map((c) => ({ ...c })),
      dtlsParameters: { ...transport.dtlsParameters, fingerprints: [...transport.dtlsParameters.fingerprints] },
    };
  }

  async connectTransport(transportId: string, dtlsParameters: DtlsParametersWire): Promise<void> {
    const entry = this.#transport(transportId);
    if (entry.connected) throw new AppError(ErrorCode.Conflict, 'this transport is already connected');
    entry.connected = true;
    try {
      await clientParameters(() => entry.transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }));
    } catch (error) {
      entry.connected = false;
      throw error;
    }
  }

  async produce(request: {
    transportId: string;
    kind: MediaKind;
    source: MediaSource;
    rtpParameters: RtpParametersWire;
    paused?: boolean | undefined;
    language?: string | undefined;
  }): Promise<string> {
    const { transport, direction } = this.#transport(request.transportId);
    this.#assertMaySend();
    if (direction !== 'send') throw new AppError(ErrorCode.BadRequest, 'produce needs a send transport');
    const expectedKind: MediaKind = request.source === 'camera' || request.source === 'screen' ? 'video' : 'audio';
    if (request.kind !== expectedKind) {
      throw new AppError(ErrorCode.BadRequest, `source ${request.source} carries ${expectedKind}, not ${request.kind}`);
    }
    if ((request.source === 'interpretation') !== (request.language !== undefined)) {
      throw new AppError(ErrorCode.BadRequest, 'an interpretation channel, and only one, names its language');
    }
    if (request.language !== undefined) assertMayInterpret({ role: this.#role, userId: this.userId, interprets: this.interprets }, request.language);
    if ([...this.#producers.values()].some((p) => p.source === request.source)) {
      throw new AppError(ErrorCode.Conflict, `already producing ${request.source}`);
    }
    const producer = await clientParameters(() =>
      transport.produce({
        kind: request.kind,
        rtpParameters: request.rtpParameters as types.RtpParameters,
        paused: request.paused ?? false,
        appData: { peerId: this.id, source: request.source, language: request.language },
      }),
    );
    if (this.#closed) {
      producer.close();
      throw new AppError(ErrorCode.NotJoined, 'participant left while producing');
    }
    const own: OwnProducer = { producer, source: request.source, language: request.language };
    this.#producers.set(producer.id, own);
    producer.observer.once('close', () => {
      if (this.#producers.delete(producer.id)) this.emit('producerClosed', producer.id);
    });
    this.emit('producerAdded', this.#producerInfo(own));
    return producer.id;
  }

  async consume(request: { transportId: string; producerId: string; rtpCapabilities: RtpCapabilitiesWire }): Promise<ResponsePayload<'consume'>> {
    const { transport, direction } = this.#transport(request.transportId);
    if (direction !== 'recv') throw new AppError(ErrorCode.BadRequest, 'consume needs a recv transport');
    this.#assertRouterUp();
    const router = this.#router;
    const found = await mediaServerUp(router, () => this.#findProducer(request.producerId, router));
    if (!found) throw new AppError(ErrorCode.ProducerNotFound, 'no such producer in this room');
    if (found.info.peerId === this.id) throw new AppError(ErrorCode.BadRequest, 'cannot consume your own producer');
    if (router !== this.#router || transport.closed) {
      throw new AppError(ErrorCode.TransportNotFound, 'the transport closed while the producer was prepared');
    }
    const rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
    if (!this.#router.canConsume({ producerId: request.producerId, rtpCapabilities })) {
      throw new AppError(ErrorCode.CannotConsume, 'your device cannot decode this media');
    }
    const consumer = await clientParameters(() =>
      transport.consume({
        producerId: request.producerId,
        rtpCapabilities,
        paused: true,
        appData: { peerId: this.id },
      }),
    );
    if (this.#closed) {
      consumer.close();
      throw new AppError(ErrorCode.NotJoined, 'participant left while consuming');
    }
    // Moved to another breakout room while the consumer was made.
    if (!this.#mayReceive(found.info.peerId)) {
      consumer.close();
      throw new AppError(ErrorCode.ProducerNotFound, 'no such producer in this room');
    }
    const own: OwnConsumer = { consumer, peerId: found.info.peerId, source: found.info.source };
    this.#consumers.set(consumer.id, own);
    consumer.observer.once('close', () => this.#consumers.delete(consumer.id));
    consumer.once('producerclose', () => this.emit('consumerClosed', consumer.id));
    return {
      consumerId: consumer.id,
      producerId: request.producerId,
      peerId: own.peerId,
      kind: consumer.kind,
      source: own.source,
      rtpParameters: consumer.rtpParameters as RtpParametersWire,
      paused: true,
      producerPaused: consumer.producerPaused,
    };
  }

  async pauseConsumer(consumerId: string): Promise<void> {
    const consumer = this.#consumer(consumerId);
    await closedMeansNotFound(consumer, () => consumer.pause(), ErrorCode.ConsumerNotFound);
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    const consumer = this.#consumer(consumerId);
    await closedMeansNotFound(consumer, () => consumer.resume(), ErrorCode.ConsumerNotFound);
  }

  /** Resolves true once this consumer forwards an RTP packet, false when it closes or is unknown first (the join-time metric). */
  firstPacket(consumerId: string): Promise<boolean> {
    const consumer = this.#consumers.get(consumerId)?.consumer;
    return consumer ? firstForwarded(consumer) : Promise.resolve(false);
  }

  async pauseProducer(producerId: string): Promise<void> {
    const producer = this.#producer(producerId);
    if (producer.paused) return;
    await closedMeansNotFound(producer, () => producer.pause(), ErrorCode.ProducerNotFound);
    this.emit('producerPaused', producerId);
  }

  async resumeProducer(producerId: string): Promise<void> {
    const producer = this.#producer(producerId);
    if (!producer.paused) return;
    await closedMeansNotFound(producer, () => producer.resume(), ErrorCode.ProducerNotFound);
    this.emit('producerResumed', producerId);
  }

  closeProducer(producerId: string): void {
    this.#producer(producerId).close();
  }

  /** New ICE credentials for a transport whose connection failed; the client restarts ICE with them. */
  async restartIce(transportId: string): Promise<Record<string, unknown>> {
    const { transport } = this.#transport(transportId);
    const iceParameters = await closedMeansNotFound(transport, () => transport.restartIce(), ErrorCode.TransportNotFound);
    return { ...iceParameters };
  }

  /** Caps a simulcast/SVC consumer's layers (a small tile needs the lowest). Simple consumers ignore it. */
  async setPreferredLayers(consumerId: string, layers: { spatialLayer: number; temporalLayer?: number | undefined }): Promise<void> {
    const consumer = this.#consumer(consumerId);
    if (consumer.type === 'simple' || consumer.type === 'pipe') return;
    const preferred =
      layers.temporalLayer === undefined
        ? { spatialLayer: layers.spatialLayer }
        : { spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer };
    await closedMeansNotFound(consumer, () => consumer.setPreferredLayers(preferred), ErrorCode.ConsumerNotFound);
  }

  /** A host silences this participant's microphone or camera. True if something was running and is now paused. */
  async pauseSource(source: HostMuteSource): Promise<boolean> {
    const own = [...this.#producers.values()].find((p) => p.source === source);
    if (!own || own.producer.paused) return false;
    await this.pauseProducer(own.producer.id);
    return true;
  }

  /** Closes this peer's consumers of another participant's media (they are no longer in the same room); the client is told by the room. */
  dropConsumersOf(peerId: string): void {
    for (const own of [...this.#consumers.values()]) if (own.peerId === peerId) own.consumer.close();
  }

  /** Back to the audience: every send transport closes, and its producers with it. */
  stopSending(): void {
    for (const { transport, direction } of [...this.#transports.values()]) {
      if (direction === 'send') transport.close();
    }
  }

  /**
   * The room's media server was replaced: transports, producers and consumers are gone
   * (mediasoup closed them with the old router); new ones are made on `router`.
   */
  resetMedia(router: types.Router): void {
    for (const { transport } of this.#transports.values()) transport.close();
    this.#transports.clear();
    this.#producers.clear();
    this.#consumers.clear();
    this.#router = router;
  }

  /** Closes every transport (and with them every producer and consumer). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const { transport } of this.#transports.values()) transport.close();
    this.#transports.clear();
    this.#producers.clear();
    this.#consumers.clear();
    this.emit('close');
  }

  #producerInfo({ producer, source, language }: OwnProducer): ProducerInfo {
    return {
      producerId: producer.id,
      peerId: this.id,
      kind: producer.kind,
      source,
      paused: producer.paused,
      ...(language !== undefined && { language }),
    };
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError(ErrorCode.NotJoined, 'participant has left');
  }

  /** The router closes when its worker dies; until the room is rebuilt on a live one, ask to retry. */
  #assertRouterUp(): void {
    if (this.#router.closed) throw mediaRestarting();
  }

  #assertMaySend(): void {
    if (!roleSends(this.role)) throw new AppError(ErrorCode.Forbidden, 'the audience watches and listens; raise your hand to speak');
  }

  #transport(transportId: string): { transport: types.WebRtcTransport; direction: Direction; connected: boolean } {
    this.#assertOpen();
    const entry = this.#transports.get(transportId);
    if (!entry) throw new AppError(ErrorCode.TransportNotFound, 'no such transport for this participant');
    return entry;
  }

  #producer(producerId: string): types.Producer {
    this.#assertOpen();
    const entry = this.#producers.get(producerId);
    if (!entry) throw new AppError(ErrorCode.ProducerNotFound, 'no such producer of this participant');
    return entry.producer;
  }

  #consumer(consumerId: string): types.Consumer {
    this.#assertOpen();
    const entry = this.#consumers.get(consumerId);
    if (!entry) throw new AppError(ErrorCode.ConsumerNotFound, 'no such consumer of this participant');
    return entry.consumer;
  }
}

/** Where a transport listens: its worker's WebRtcServer (shared ports) when the pool made one, else ports of its own. */
export function listenOn(
  router: types.Router,
  settings: TransportSettings,
): { webRtcServer: types.WebRtcServer } | { listenInfos: types.TransportListenInfo[] } {
  const { webRtcServer } = router.appData as PoolRouterData;
  return webRtcServer && !webRtcServer.closed ? { webRtcServer } : { listenInfos: settings.listenInfos };
}
