import { Redis } from 'ioredis';
import { TypedEmitter } from '../lib/typedEmitter.js';
import type { Logger } from '../logger.js';

type RedisLinkEvents = {
  /** Connected (again): state written before an outage may be gone; re-publish it. */
  up: [];
  /** The connection dropped; ioredis reconnects by itself. */
  down: [];
};

export type RedisLinkOptions = {
  url: string;
  log: Logger;
  /** How long one command may take before it fails, in ms. Default 2000. */
  commandTimeoutMs?: number;
};

/** Reconnect quickly at first, then every second: an outage ends as soon as Redis is back. */
const retryStrategy = (attempt: number) => Math.min(50 * attempt, 1_000);

/**
 * One node's connection to Redis. Commands fail at once while Redis is unreachable
 * (no offline queue): every caller has a local fallback and must not wait out an
 * outage. `healthy` and the `up`/`down` events tell the outage; each is logged once.
 * `waitingConnection()` gives connections for blocking reads and subscriptions,
 * which instead wait (queue) until Redis is back.
 */
export class RedisLink extends TypedEmitter<RedisLinkEvents> {
  readonly client: Redis;
  readonly #options: RedisLinkOptions;
  readonly #extra = new Set<Redis>();
  #healthy = false;
  #closed = false;

  private constructor(options: RedisLinkOptions) {
    super();
    this.#options = options;
    const { log } = options;
    this.client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? 2_000,
      connectTimeout: 2_000,
      retryStrategy,
      connectionName: 'ca-commands',
    });
    this.client.on('error', (err: Error) => log.debug({ err: err.message }, 'redis error'));
    this.client.on('ready', () => {
      if (this.#healthy) return;
      this.#healthy = true;
      log.info('redis reachable: cluster features on');
      this.emit('up');
    });
    const onLost = () => {
      if (!this.#healthy) return;
      this.#healthy = false;
      if (this.#closed) return;
      log.warn(
        'redis unreachable: this node keeps serving its rooms; new rooms, redirects, shared presence, lobbies and limits wait until it is back',
      );
      this.emit('down');
    };
    this.client.on('close', onLost);
    this.client.on('end', onLost);
  }

  /** Connects; resolves once connected or after `waitMs` (then it goes on trying in the background). */
  static async connect(options: RedisLinkOptions & { waitMs?: number }): Promise<RedisLink> {
    const link = new RedisLink(options);
    if (!(await link.#waitReady(options.waitMs ?? 3_000))) {
      options.log.warn('redis unreachable at start: serving as a single node until it is back');
    }
    return link;
  }

  get healthy(): boolean {
    return this.#healthy;
  }

  /**
   * A connection of its own whose commands wait while Redis is away (blocking stream
   * reads, subscriptions). Closed with the link.
   */
  waitingConnection(name: string): Redis {
    const connection = new Redis(this.#options.url, {
      maxRetriesPerRequest: null,
      retryStrategy,
      connectionName: `ca-${name}`,
    });
    connection.on('error', (err: Error) => this.#options.log.debug({ err: err.message, connection: name }, 'redis error'));
    this.#extra.add(connection);
    return connection;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of this.#extra) connection.disconnect();
    this.#extra.clear();
    await this.client.quit().catch(() => this.client.disconnect());
  }

  #waitReady(waitMs: number): Promise<boolean> {
    if (this.#healthy) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.off('up', onUp);
        resolve(ok);
      };
      const onUp = () => done(true);
      const timer = setTimeout(() => done(false), waitMs);
      this.on('up', onUp);
    });
  }
}
