import { z } from 'zod';
import type { Logger } from '../logger.js';
import { keys } from './keys.js';
import type { RedisLink } from './RedisLink.js';

/** What a node publishes about its load with every heartbeat. */
export type NodeLoad = {
  /** Participants in its rooms. */
  peers: number;
  rooms: number;
  /** The machine's CPU use, 0…1 (1-minute load average per core, capped at 1). */
  cpu: number;
};

const nodeInfoSchema = z.object({
  id: z.string(),
  url: z.string(),
  draining: z.boolean(),
  load: z.object({ peers: z.number(), rooms: z.number(), cpu: z.number() }),
  /** When the heartbeat was written (epoch ms). */
  at: z.number(),
});
export type NodeInfo = z.infer<typeof nodeInfoSchema>;

export type NodeIdentity = { id: string; url: string };

/** A node at or above this CPU use gets new rooms only when every node is. */
export const BUSY_CPU = 0.9;

export type NodeRegistryOptions = {
  link: RedisLink;
  heartbeatMs: number;
  load: () => NodeLoad;
  log: Logger;
};

function parseNode(raw: string | null): NodeInfo | undefined {
  if (raw === null) return undefined;
  try {
    const parsed = nodeInfoSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The live nodes of the cluster. Each node writes its heartbeat (URL, load, draining)
 * under `ca:node:<id>` with a TTL of three beats; a node that stops beating (it died,
 * or lost Redis) drops out when the key expires. The other nodes are read back on
 * every beat and cached, for placement choices and the Origin check.
 */
export class NodeRegistry {
  readonly #options: NodeRegistryOptions;
  #self: NodeIdentity | undefined;
  #draining = false;
  #others = new Map<string, NodeInfo>();

  constructor(options: NodeRegistryOptions) {
    this.#options = options;
  }

  /** How long a heartbeat (and a room placement) lives without being refreshed. */
  get ttlMs(): number {
    return this.#options.heartbeatMs * 3;
  }

  /** This node; throws before `start`. */
  get self(): NodeIdentity {
    if (!this.#self) throw new Error('the node registry has not started');
    return this.#self;
  }

  setIdentity(self: NodeIdentity): void {
    this.#self = self;
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** This node's heartbeat as written to Redis. */
  selfInfo(): NodeInfo {
    return { ...this.self, draining: this.#draining, load: this.#options.load(), at: Date.now() };
  }

  /** The other live nodes as of the last beat. */
  others(): NodeInfo[] {
    return [...this.#others.values()];
  }

  /** The origins (from their public URLs) of the other live nodes. */
  origins(): string[] {
    const origins: string[] = [];
    for (const node of this.#others.values()) {
      try {
        origins.push(new URL(node.url).origin);
      } catch {
        // a node with a malformed URL cannot be redirected to either
      }
    }
    return origins;
  }

  /** Writes this node's heartbeat and reads the others'. Throws when Redis fails. */
  async beat(): Promise<void> {
    const { client } = this.#options.link;
    const self = this.selfInfo();
    const [, , members] = (await client
      .multi()
      .set(keys.node(self.id), JSON.stringify(self), 'PX', this.ttlMs)
      .sadd(keys.nodes, self.id)
      .smembers(keys.nodes)
      .exec()
      .then((results) => results?.map(([err, value]) => (err ? undefined : value)) ?? [])) as [unknown, unknown, string[] | undefined];
    const ids = (members ?? []).filter((id) => id !== self.id);
    const others = new Map<string, NodeInfo>();
    if (ids.length > 0) {
      const raws = await client.mget(ids.map((id) => keys.node(id)));
      const dead: string[] = [];
      ids.forEach((id, i) => {
        const info = parseNode(raws[i] ?? null);
        if (info) others.set(id, info);
        else dead.push(id);
      });
      if (dead.length > 0) await client.srem(keys.nodes, ...dead);
    }
    this.#others = others;
  }

  /** A node's heartbeat read from Redis now (undefined: dead or unknown). This node is always live. */
  async lookup(nodeId: string): Promise<NodeInfo | undefined> {
    if (nodeId === this.self.id) return this.selfInfo();
    const info = parseNode(await this.#options.link.client.get(keys.node(nodeId)));
    if (info) this.#others.set(nodeId, info);
    else this.#others.delete(nodeId);
    return info;
  }

  /**
   * Where a new room should go: the live node, not draining, with the fewest participants
   * (then fewest rooms), avoiding busy CPUs; this node wins ties so a redirect is made only
   * when it helps. Undefined when every node drains. `except` leaves nodes out.
   */
  choose(options: { except?: readonly string[] } = {}): NodeInfo | undefined {
    const except = new Set(options.except);
    const candidates = [this.selfInfo(), ...this.others()].filter((n) => !n.draining && !except.has(n.id));
    const calm = candidates.filter((n) => n.load.cpu < BUSY_CPU);
    const pool = calm.length > 0 ? calm : candidates;
    const selfId = this.self.id;
    return pool.sort(
      (a, b) =>
        a.load.peers - b.load.peers || a.load.rooms - b.load.rooms || Number(b.id === selfId) - Number(a.id === selfId) || a.id.localeCompare(b.id),
    )[0];
  }

  /** Draining: still live (its rooms finish and resume here) but never chosen for new rooms. */
  async markDraining(): Promise<void> {
    this.#draining = true;
    await this.beat().catch((err: unknown) => this.#options.log.warn({ err }, 'could not announce draining'));
  }

  /** Leaves the cluster: the heartbeat goes at once, so no one waits for it to expire. */
  async leave(): Promise<void> {
    if (!this.#self) return;
    const id = this.#self.id;
    await this.#options.link.client.multi().del(keys.node(id)).srem(keys.nodes, id).exec();
  }
}
