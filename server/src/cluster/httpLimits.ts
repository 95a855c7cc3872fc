import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Logger } from '../logger.js';
import { keys } from './keys.js';
import type { RedisLink } from './RedisLink.js';

/**
 * One HTTP rate limiter's counters (express-rate-limit), kept in Redis by `rate-limit-redis`
 * so a client has one allowance across all nodes. While Redis is unreachable this node counts
 * in memory instead (like the socket limits' insurance limiter): limits still hold, per node,
 * and no request fails because Redis is away. Once Redis answers again it counts there anew.
 */
export class RedisHttpLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #link: RedisLink;
  readonly #log: Logger;
  readonly #memory = new MemoryStore();
  #options: Options | undefined;
  /** The Redis store with its scripts loaded; dropped after a failure and loaded again when Redis is back. */
  #redis: Promise<RedisStore> | undefined;
  #degraded = false;

  constructor(options: { link: RedisLink; name: string; log: Logger }) {
    this.#link = options.link;
    this.#log = options.log;
    this.prefix = `${keys.limiter(`http:${options.name}`)}:`;
  }

  init(options: Options): void {
    this.#options = options;
    this.#memory.init(options);
  }

  async increment(key: string): Promise<IncrementResponse> {
    const counted = await this.#inRedis((store) => store.increment(key));
    return counted ?? this.#memory.increment(key);
  }

  async decrement(key: string): Promise<void> {
    if ((await this.#inRedis(async (store) => (await store.decrement(key), true))) === undefined) this.#memory.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await this.#inRedis(async (store) => (await store.resetKey(key), true));
    this.#memory.resetKey(key);
  }

  shutdown(): void {
    this.#memory.shutdown();
  }

  /** Runs `use` on the Redis store; undefined (after one warning per outage) when Redis cannot answer. */
  async #inRedis<T>(use: (store: RedisStore) => Promise<T>): Promise<T | undefined> {
    if (!this.#link.healthy || !this.#options) return undefined;
    try {
      const result = await use(await (this.#redis ??= this.#open(this.#options)));
      if (this.#degraded) this.#log.info({ limiter: this.prefix }, 'HTTP rate limits counted in redis again');
      this.#degraded = false;
      return result;
    } catch (err) {
      // The scripts may be gone too (Redis restarted empty): load them again next time.
      this.#redis = undefined;
      if (!this.#degraded) {
        this.#log.warn({ err: (err as Error).message, limiter: this.prefix }, 'redis unreachable: HTTP rate limits counted in memory on this node');
      }
      this.#degraded = true;
      return undefined;
    }
  }

  async #open(options: Options): Promise<RedisStore> {
    const client = this.#link.client;
    const store = new RedisStore({
      prefix: this.prefix,
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>,
    });
    await store.init(options);
    return store;
  }
}
