import type { Logger } from '../logger.js';
import { LocalPresence, type PresenceTracker } from '../realtime/presence.js';
import { keys } from './keys.js';
import type { NodeRegistry } from './NodeRegistry.js';
import type { RedisLink } from './RedisLink.js';

export type RedisPresenceOptions = {
  link: RedisLink;
  registry: NodeRegistry;
  log: Logger;
};

/**
 * Presence across nodes. Each node counts its own participants (as `LocalPresence`) and
 * keeps the set of users it hosts in `ca:presence:<nodeId>` (TTL three beats, so a dead
 * node's users drop out). Every beat it reads the other live nodes' sets; `online()`
 * answers from this node's count and that copy, never waiting for Redis. Without Redis
 * it answers from what it last saw; when Redis is back its set is written anew.
 */
export class RedisPresence implements PresenceTracker {
  readonly #options: RedisPresenceOptions;
  readonly #local = new LocalPresence();
  #remote = new Set<string>();
  /** The set in Redis may be stale (a write failed, or Redis restarted empty): rewrite it on the next beat. */
  #dirty = true;

  constructor(options: RedisPresenceOptions) {
    this.#options = options;
    options.link.on('up', () => (this.#dirty = true));
  }

  enter(userId: string): () => void {
    const first = !this.#local.online(userId);
    const leave = this.#local.enter(userId);
    if (first) this.#write((client, key) => client.sadd(key, userId));
    return () => {
      leave();
      if (!this.#local.online(userId)) this.#write((client, key) => client.srem(key, userId));
    };
  }

  online(userId: string): boolean {
    return this.#local.online(userId) || this.#remote.has(userId);
  }

  /** Every beat (after the registry's): keeps this node's set alive and reads the other nodes'. */
  async sync(): Promise<void> {
    const { link, registry } = this.#options;
    const key = keys.presence(registry.self.id);
    const pipeline = link.client.pipeline();
    if (this.#dirty) {
      pipeline.del(key);
      const users = this.#local.users();
      if (users.length > 0) pipeline.sadd(key, ...users);
    }
    pipeline.pexpire(key, registry.ttlMs);
    const writes = pipeline.length;
    const others = registry.others();
    for (const node of others) pipeline.smembers(keys.presence(node.id));
    const wasDirty = this.#dirty;
    this.#dirty = false;
    const results = await pipeline.exec().catch((err: unknown) => {
      if (wasDirty) this.#dirty = true;
      throw err;
    });
    const remote = new Set<string>();
    for (const [err, value] of (results ?? []).slice(writes)) {
      if (!err && Array.isArray(value)) for (const user of value as string[]) remote.add(user);
    }
    this.#remote = remote;
  }

  /** Leaves the cluster: this node's users are no longer online through it. */
  async leave(): Promise<void> {
    await this.#options.link.client.del(keys.presence(this.#options.registry.self.id));
  }

  #write(change: (client: RedisLink['client'], key: string) => Promise<unknown>): void {
    const { link, registry, log } = this.#options;
    if (!link.healthy) {
      this.#dirty = true;
      return;
    }
    change(link.client, keys.presence(registry.self.id))
      .then(
        () => link.client.pexpire(keys.presence(registry.self.id), registry.ttlMs),
        (err: unknown) => {
          this.#dirty = true;
          log.debug({ err }, 'presence write failed; rewritten on the next beat');
        },
      )
      .catch(() => (this.#dirty = true));
  }
}
