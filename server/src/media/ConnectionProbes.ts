import type { types } from 'mediasoup';
import { ErrorCode, type DtlsParametersWire, type RtpCapabilitiesWire, type ResponsePayload } from '@ca/signaling';
import { AppError } from '../errors.js';
import { mediaCodecs } from './codecs.js';
import { withClientParameters } from './mediasoupErrors.js';
import { listenOn, type TransportSettings } from './Peer.js';
import type { WorkerPool } from './WorkerPool.js';

/** A probe closes itself after this long, used or not. */
const PROBE_LIFETIME_MS = 15_000;
/** Probes one socket may hold at once (one per protocol, plus a retry). */
const MAX_PROBES_PER_OWNER = 3;
/** Probes this node holds at once, whoever asks (they need no join). */
export const MAX_PROBES_PER_NODE = 200;

type Probe = { transport: types.WebRtcTransport; owner: string; connected: boolean };

/**
 * The pre-join connection test: a throwaway WebRTC transport that listens on UDP only
 * or TCP only, on one router this node keeps for probes. The client connects to it
 * with a data channel and so learns which protocol gets through its network.
 */
export class ConnectionProbes {
  readonly #pool: WorkerPool;
  readonly #settings: TransportSettings;
  readonly #probes = new Map<string, Probe>();
  /** Probes being created, per owner: counted with the ones held, so parallel requests cannot pass the caps. */
  readonly #creating = new Map<string, number>();
  #router: Promise<types.Router> | undefined;

  constructor(pool: WorkerPool, settings: TransportSettings) {
    this.#pool = pool;
    this.#settings = settings;
  }

  async create(owner: string, protocol: 'udp' | 'tcp'): Promise<ResponsePayload<'probeTransport'>> {
    const held = [...this.#probes.values()].filter((p) => p.owner === owner).length + (this.#creating.get(owner) ?? 0);
    if (held >= MAX_PROBES_PER_OWNER) throw new AppError(ErrorCode.RateLimited, 'finish the running connection test first');
    const total = this.#probes.size + [...this.#creating.values()].reduce((a, b) => a + b, 0);
    if (total >= MAX_PROBES_PER_NODE) throw new AppError(ErrorCode.RateLimited, 'too many connection tests right now; try again shortly');
    this.#creating.set(owner, (this.#creating.get(owner) ?? 0) + 1);
    try {
      return await this.#create(owner, protocol);
    } finally {
      const n = (this.#creating.get(owner) ?? 1) - 1;
      if (n > 0) this.#creating.set(owner, n);
      else this.#creating.delete(owner);
    }
  }

  async #create(owner: string, protocol: 'udp' | 'tcp'): Promise<ResponsePayload<'probeTransport'>> {
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

  /** The owner went away: its probes close now. */
  closeOwned(owner: string): void {
    for (const probe of [...this.#probes.values()]) if (probe.owner === owner) probe.transport.close();
  }

  #own(owner: string, transportId: string): Probe {
    const probe = this.#probes.get(transportId);
    if (!probe || probe.owner !== owner) throw probeGone();
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
