import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Logger } from '../logger.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { classifyMediasoupError } from './mediasoupErrors.js';

export type WorkerPoolOptions = {
  /** How many workers to run; one per core is the usual choice. */
  size: number;
  log: Logger;
  /** Start a replacement when a worker dies. Default true. */
  respawn?: boolean;
  /**
   * Each worker gets a WebRtcServer listening on these (UDP and TCP): all its transports share
   * one UDP and one TCP port, so a firewall needs two ports per worker. A `port` is a base:
   * worker slot i listens on port + i. Without a port, a free one from `portRange` is taken.
   * Omitted: transports listen on ports of their own.
   */
  webRtcServer?: types.TransportListenInfo[];
};

/** What a router made by the pool carries in its appData. */
export type PoolRouterData = { webRtcServer?: types.WebRtcServer; workerPid: number };

type WorkerPoolEvents = {
  /** A worker died; its routers are already closed by mediasoup. */
  workerDied: [pid: number, error: Error];
  workerStarted: [pid: number];
};

/**
 * Owns the mediasoup worker processes (one per core by default) and hands out the
 * least loaded one for a new router. A worker that dies is replaced; the rooms it
 * hosted close (mediasoup closes their routers) and their clients are told.
 */
export class WorkerPool extends TypedEmitter<WorkerPoolEvents> {
  readonly #workers = new Map<number, types.Worker>();
  /** Routers per worker pid, a cheap load measure. */
  readonly #load = new Map<number, number>();
  readonly #options: WorkerPoolOptions & { respawn: boolean };
  /** Worker slot of each pid (a replacement takes the dead worker's slot, and so its fixed ports). */
  readonly #slots = new Map<number, number>();
  readonly #servers = new Map<number, types.WebRtcServer>();
  #closed = false;

  private constructor(options: WorkerPoolOptions) {
    super();
    this.#options = { respawn: true, ...options };
  }

  /** Starts `size` workers; resolves when all run. */
  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    await Promise.all(Array.from({ length: options.size }, (_, slot) => pool.#spawn(slot)));
    return pool;
  }

  get size(): number {
    return this.#workers.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Pids of the running workers (for health checks and failure tests). */
  get pids(): number[] {
    return [...this.#workers.keys()];
  }

  /**
   * Creates a router on the least loaded worker. When every worker is dead and a
   * replacement is starting, waits for it; when the chosen worker turns out to be dead
   * (killed a moment ago, its exit not yet seen: the request fails with "Channel closed"),
   * tries the next one. Gives up after `waitMs`.
   */
  async createRouter(options: types.RouterOptions, waitMs = 10_000): Promise<types.Router> {
    const deadline = Date.now() + waitMs;
    const tried = new Set<number>();
    for (;;) {
      const worker = this.#leastLoaded(tried) ?? (await this.#nextWorker(Math.max(0, deadline - Date.now())));
      try {
        return await this.#routerOn(worker, options);
      } catch (error) {
        if (!worker.closed && classifyMediasoupError(error) !== 'closed') throw error;
        tried.add(worker.pid);
        this.#options.log.debug({ pid: worker.pid }, 'worker died under createRouter; trying the next one');
        if (Date.now() >= deadline) throw error;
      }
    }
  }

  async #routerOn(worker: types.Worker, options: types.RouterOptions): Promise<types.Router> {
    const pid = worker.pid;
    const webRtcServer = this.#servers.get(pid);
    const appData: PoolRouterData = { ...(webRtcServer ? { webRtcServer } : {}), workerPid: pid };
    const router = await worker.createRouter({ ...options, appData: { ...options.appData, ...appData } });
    this.#load.set(pid, (this.#load.get(pid) ?? 0) + 1);
    router.observer.once('close', () => {
      const n = this.#load.get(pid);
      if (n !== undefined) this.#load.set(pid, Math.max(0, n - 1));
    });
    return router;
  }

  /** Closes every worker (and so every router on them). */
  close(): void {
    this.#closed = true;
    for (const worker of this.#workers.values()) worker.close();
    this.#workers.clear();
    this.#load.clear();
    this.#servers.clear();
    this.#slots.clear();
  }

  /**
   * Creates up to `count` routers on distinct workers, least loaded first (a stage spreads
   * over workers; two routers of one room on one worker would gain nothing, and mediasoup
   * cannot pipe a producer between routers of the same worker while keeping its id).
   */
  async createRoutersOnDistinctWorkers(options: types.RouterOptions, count: number): Promise<types.Router[]> {
    const first = await this.createRouter(options);
    const routers = [first];
    const used = new Set<number>([this.#pidOf(first)]);
    while (routers.length < count) {
      const worker = this.#leastLoaded(used);
      if (!worker) break;
      used.add(worker.pid);
      try {
        routers.push(await this.#routerOn(worker, options));
      } catch (error) {
        // A worker that died under the request: the stage makes do with fewer routers.
        if (worker.closed || classifyMediasoupError(error) === 'closed') continue;
        for (const router of routers) router.close();
        throw error;
      }
    }
    return routers;
  }

  /** Routers on each worker, by pid (for spreading a stage across workers). */
  loads(): Array<{ pid: number; routers: number }> {
    return [...this.#workers.keys()].map((pid) => ({ pid, routers: this.#load.get(pid) ?? 0 }));
  }

  #nextWorker(waitMs: number): Promise<types.Worker> {
    if (this.#closed || !this.#options.respawn) return Promise.reject(new Error('no running mediasoup worker'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('workerStarted', started);
        reject(new Error('no mediasoup worker started in time'));
      }, waitMs);
      const started = () => {
        const worker = this.#leastLoaded();
        if (!worker) return; // it died already; wait for the next
        clearTimeout(timer);
        this.off('workerStarted', started);
        resolve(worker);
      };
      this.on('workerStarted', started);
    });
  }

  #pidOf(router: types.Router): number {
    return (router.appData as PoolRouterData).workerPid;
  }

  #leastLoaded(except: ReadonlySet<number> = new Set()): types.Worker | undefined {
    let best: types.Worker | undefined;
    let bestLoad = Infinity;
    for (const worker of this.#workers.values()) {
      if (worker.closed || except.has(worker.pid)) continue; // died a moment ago; its 'died' event is on its way
      const load = this.#load.get(worker.pid) ?? 0;
      if (load < bestLoad) {
        best = worker;
        bestLoad = load;
      }
    }
    return best;
  }

  /** Replaces a dead worker; a failed start is tried again (backing off to 5 s) until the pool closes. */
  #respawn(slot: number, attempt = 1): void {
    if (!this.#options.respawn || this.#closed) return;
    this.#spawn(slot).catch((err: unknown) => {
      const retryMs = Math.min(5_000, 100 * 2 ** attempt);
      this.#options.log.error({ err, slot, attempt, retryMs }, 'could not replace a dead worker; trying again');
      setTimeout(() => this.#respawn(slot, attempt + 1), retryMs).unref();
    });
  }

  async #spawn(slot: number): Promise<void> {
    const startedAt = Date.now();
    const worker = await mediasoup.createWorker({ logLevel: 'warn' });
    const pid = worker.pid;
    if (this.#options.webRtcServer) {
      const listenInfos = this.#options.webRtcServer.map((info) =>
        info.port === undefined ? info : { ...info, port: info.port + slot, portRange: undefined },
      );
      try {
        this.#servers.set(pid, await worker.createWebRtcServer({ listenInfos }));
      } catch (error) {
        worker.close();
        throw error;
      }
    }
    this.#slots.set(pid, slot);
    this.#workers.set(pid, worker);
    this.#load.set(pid, 0);
    if (this.#closed) {
      worker.close();
      return;
    }
    this.#options.log.info({ pid, slot, startMs: Date.now() - startedAt }, 'mediasoup worker started');
    this.emit('workerStarted', pid);
    worker.on('died', (error) => {
      this.#workers.delete(pid);
      this.#load.delete(pid);
      this.#servers.delete(pid);
      this.#slots.delete(pid);
      this.#options.log.error({ pid, err: error }, 'mediasoup worker died');
      this.emit('workerDied', pid, error);
      this.#respawn(slot);
    });
  }
}
