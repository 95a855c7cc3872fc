import type { types } from 'mediasoup';
import { ErrorCode, type DtlsParametersWire, type RtpCapabilitiesWire, type ResponsePayload } from '@ca/signaling';
import { AppError } from '../errors.js';
import { mediaCodecs } from './codecs.js';
import { withClientParameters } from './mediasoupErrors.js';
import { listenOn, type TransportSettings } from './Peer.js';
import type { WorkerPool } from './WorkerPool.js';

/** A probe closes itself after this long, used or not. */
const PROBE_LIFETIME_MS = 15_000;

/** How many connection tests may be open at once; each is a real transport with ports, and asking needs no join. */
export type ProbeLimits = {
  /** Per socket (one per protocol, plus a retry). Default 3. */
  perOwner: number;
  /** Per client address, over all its sockets (a few people behind one NAT testing at once). Default 12. */
  perAddress: number;
  /** On this node, whoever asks. Default 200. */
  perNode: number;
};

export const DEFAULT_PROBE_LIMITS: ProbeLimits = { perOwner: 3, perAddress: 12, perNode: 200 };

/** Who asks for a probe: the socket that owns it and the client address it came from. */
export type ProbeOwner = { socketId: string; address: string };

type Probe = { transport: types.WebRtcTransport; owner: ProbeOwner; connected: boolean };

/**
 * The pre-join connection test: a throwaway WebRTC transport that listens on UDP only
 * or TCP only, on one router this node keeps for probes. The client connects to it
 * with a data channel and so learns which protocol gets through its network.
 */
export class ConnectionProbes {
  readonly #pool: WorkerPool;
  readonly #settings: TransportSettings;
  readonly #limits: ProbeLimits;
  readonly #probes = new Map<string, Probe>();
  /** Probes being created: counted with the ones held, so parallel requests cannot pass the caps. */
  readonly #creating = new Set<ProbeOwner>();
  #router: Promise<types.Router> | undefined;

  constructor(pool: WorkerPool, settings: TransportSettings, limits: Partial<ProbeLimits> = {}) {
    this.#pool = pool;
    this.#settings = settings;
    this.#limits = { ...DEFAULT_PROBE_LIMITS, ...limits };
  }

  /** Opens a probe for `owner`; RATE_LIMITED past a cap (per socket, per client address, per node). */
  async create(owner: ProbeOwner, protocol: 'udp' | 'tcp'): Promise<ResponsePayload<'probeTransport'>> {
    const claims = [...[...this.#probes.values()].map((p) => p.owner), ...this.#creating];
    if (claims.filter((o) => o.socketId === owner.socketId).length >= this.#limits.perOwner) {
      throw new AppError(ErrorCode.RateLimited, 'finish the running connection test first');
    }
    if (claims.filter((o) => o.address === owner.address).length >= this.#limits.perAddress) {
      throw new AppError(ErrorCode.RateLimited, 'too many connection tests from your network right now; try again shortly');
    }
    if (claims.length >= this.#limits.perNode) throw new AppError(ErrorCode.RateLimited, 'too many connection tests right now; try again shortly');
    const claim = { ...owner };
    this.#creating.add(claim);
    try {
      return await this.#create(claim, protocol);
    } finally {
      this.#creating.delete(claim);
    }
  }

  async #create(owner: ProbeOwner, protocol: 'udp' | 'tcp'): Promise<ResponsePayload<'probeTransport'>> {
    const router = await this.#probeRouter();
    const where = listenOn(router, this.#settings);
    const options = { enableSctp: true, appData: { probe: protocol } };
    let transport: types.WebRtcTransport;
    if ('webRtcServer' in where) {
      const only = { enableUdp: protocol === 'udp', enableTcp: protocol === 'tcp' };
      transport = await router.createWebRtcTransport({ webRtcServer: where.webRtcServer, ...only, ...options });
    } else {
      const listenInfos = where.listenInfos.filter((info) => info.protocol === protocol);
      if (listenInfos.length === 0) throw new AppError(ErrorCode.Unavailable, `this server does not listen on ${protocol}`);
      transport = await router.createWebRtcTransport({ listenInfos, ...options });
    }
    this.#probes.set(transport.id, { transport, owner, connected: false });
    transport.observer.once('close', () => this.#probes.delete(transport.id));
    setTimeout(() => transport.close(), PROBE_LIFETIME_MS).unref();
    return {
      routerRtpCapabilities: router.rtpCapabilities as RtpCapabilitiesWire,
      transport: {
        id: transport.id,
        iceParameters: { ...transport.iceParameters },
        iceCandidates: transport.iceCandidates.map((c) => ({ ...c })),
        dtlsParameters: { ...transport.dtlsParameters, fingerprints: [...transport.dtlsParameters.fingerprints] },
        sctpParameters: { ...transport.sctpParameters },
      },
    };
  }

  async connect(owner: string, transportId: string, dtlsParameters: DtlsParametersWire): Promise<void> {
    const probe = this.#own(owner, transportId);
    if (probe.connected) throw new AppError(ErrorCode.Conflict, 'this connection test is already connected');
    probe.connected = true;
    try {
      await withClientParameters(() => probe.transport.connect({ dtlsParameters: dtlsParameters as types.DtlsParameters }), {
        onClosed: probeGone,
      });
    } catch (error) {
      probe.connected = false;
      throw error;
    }
  }

  async produceData(owner: string, transportId: string, sctpStreamParameters: { streamId: number }): Promise<string> {
    const { transport } = this.#own(owner, transportId);
    const dataProducer = await withClientParameters(
      () => transport.produceData({ sctpStreamParameters: sctpStreamParameters as types.SctpStreamParameters }),
      { onClosed: probeGone },
    );
    return dataProducer.id;
  }

  /** The owning socket went away: its probes close now. */
  closeOwned(socketId: string): void {
    for (const probe of [...this.#probes.values()]) if (probe.owner.socketId === socketId) probe.transport.close();
  }

  #own(socketId: string, transportId: string): Probe {
    const probe = this.#probes.get(transportId);
    if (!probe || probe.owner.socketId !== socketId) throw probeGone();
    return probe;
  }

  #probeRouter(): Promise<types.Router> {
    const current = this.#router;
    if (current) {
      return current.then((router) => {
        if (!router.closed) return router;
        this.#router = undefined; // its worker died
        return this.#probeRouter();
      });
    }
    const created = this.#pool.createRouter({ mediaCodecs });
    this.#router = created;
    created.catch(() => (this.#router = undefined));
    return created;
  }
}

/** A connection test that is not (or no longer) there: unknown, someone else's, expired or closed. */
function probeGone(): AppError {
  return new AppError(ErrorCode.TransportNotFound, 'no such connection test (it lasts 15 seconds)');
}
