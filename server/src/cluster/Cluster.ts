import os from 'node:os';
import type { types } from 'mediasoup';
import type { ServerOptions } from 'socket.io';
import { ErrorCode, type KnockInfo } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PipeListen } from '../media/NodePipe.js';
import type { Rooms } from '../media/Rooms.js';
import type { Upstream } from '../media/Upstream.js';
import type { RealtimeLimits } from '../realtime/types.js';
import { streamsAdapter } from './adapter.js';
import { RedisHttpLimitStore } from './httpLimits.js';
import { memoryLimits } from '../realtime/limits.js';
import { NodeRegistry, type NodeIdentity, type NodeLoad } from './NodeRegistry.js';
import { RedisLink } from './RedisLink.js';
import { RedisLobbies } from './RedisLobbies.js';
import { RedisPlacement } from './RedisPlacement.js';
import { RedisPresence } from './RedisPresence.js';
import { RedisSlotBus } from './RedisSlotBus.js';
import { keys } from './keys.js';
import { StageRelay } from './StageRelay.js';

export type ClusterOptions = {
  /** redis:// or rediss:// URL shared by every node. */
  redisUrl: string;
  /** Heartbeat period in ms; a node silent for three beats is dead and its rooms are placed anew. */
  heartbeatMs: number;
  /** Viewers a stage takes on its node before more go to an overflow node. */
  stageAudiencePerNode: number;
  log: Logger;
};

/** What serving rooms needs besides the rooms. */
export type ServeOptions = {
  requestsPerSecond: number;
  /** The meeting-token secret every node shares; relay tokens between nodes derive from it. */
  meetingSecret: string;
  now: () => number;
};

/** What the Socket.io gateway takes from the cluster. */
export type GatewayParts = {
  placement: RedisPlacement;
  adapter: NonNullable<ServerOptions['adapter']>;
  limits: RealtimeLimits;
};

/** This node's load as published with each heartbeat. */
function loadOf(rooms: Rooms | undefined): NodeLoad {
  let peers = 0;
  for (const room of rooms?.all() ?? []) peers += room.peerCount;
  const cpu = Math.min(1, (os.loadavg()[0] ?? 0) / os.availableParallelism());
  return { peers, rooms: rooms?.size ?? 0, cpu: Math.round(cpu * 100) / 100 };
}

/**
 * One node's membership in a cluster of nodes sharing Redis: the node registry
 * (heartbeat with URL and load), presence, and for the rooms it `serve`s: room
 * placement with redirects, lobby waiting lists, rate limits and the Socket.io
 * adapter. Order: `connect()` (presence is needed early), `serve(rooms)` for the
 * gateway, `start()` once the node listens and knows its URL, `drain()`, `close()`.
 * Redis going away is survived (see README, "Several nodes").
 */
export class Cluster {
  readonly link: RedisLink;
  readonly registry: NodeRegistry;
  readonly presence: RedisPresence;
  /** Tells every node when a booth's slots changed, so their slot caches forget it. */
  readonly slotBus: RedisSlotBus;
  readonly #options: ClusterOptions;
  #served: { rooms: Rooms; placement: RedisPlacement; lobbies: RedisLobbies; options: ServeOptions } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #again = false;
  #started = false;
  #closed = false;

  private constructor(options: ClusterOptions, link: RedisLink) {
    this.#options = options;
    this.link = link;
    const { heartbeatMs, log } = options;
    this.registry = new NodeRegistry({ link, heartbeatMs, load: () => loadOf(this.#served?.rooms), log });
    this.presence = new RedisPresence({ link, registry: this.registry, log });
    this.slotBus = new RedisSlotBus({ link, log });
    // Redis is back (perhaps empty after a restart): publish everything at once.
    link.on('up', () => void this.#tick());
  }

  /** Connects to Redis (waits up to 3 s; without Redis the node starts anyway and joins when it can). */
  static async connect(options: ClusterOptions): Promise<Cluster> {
    const link = await RedisLink.connect({ url: options.redisUrl, log: options.log });
    return new Cluster(options, link);
  }

  get nodeId(): string {
    return this.registry.self.id;
  }

  /**
   * Places this node's rooms in the cluster and returns what the gateway needs: the
   * placement (redirects), the Socket.io adapter and the socket limits. Those stay in memory:
   * a socket and the peer it holds live on one node, so a Redis round trip per request would
   * buy nothing (the HTTP API's limits, which a client could spread over nodes, are in Redis).
   */
  serve(rooms: Rooms, options: ServeOptions): GatewayParts {
    if (this.#served) throw new Error('the cluster already serves rooms');
    const { link, registry } = this;
    const { heartbeatMs, log, stageAudiencePerNode } = this.#options;
    const placement = new RedisPlacement({ link, registry, rooms, log, settleMs: heartbeatMs, stageAudiencePerNode });
    this.#served = { rooms, placement, lobbies: new RedisLobbies({ link, registry, rooms, log }), options };
    return {
      placement,
      adapter: streamsAdapter(link, Math.max(1_000, heartbeatMs)),
      limits: memoryLimits(options.requestsPerSecond),
    };
  }

  /**
   * Where this node's pages may open sockets besides their own origin: the other nodes'
   * (http: and ws: forms for the Content-Security-Policy's connect-src).
   */
  connectSources(): string[] {
    return this.registry.origins().flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]);
  }

  /** The counters of one HTTP rate limiter, in Redis (in memory on this node while Redis is away). */
  httpLimitStore(name: string): RedisHttpLimitStore {
    return new RedisHttpLimitStore({ link: this.link, name, log: this.#options.log });
  }

  /**
   * Connects an overflow room here to the node that holds its stage (Redis names it):
   * a StageRelay piping the stage's media into `home`. UNAVAILABLE when that node is unknown.
   */
  async relayStage(roomId: string, home: types.Router, listen: PipeListen): Promise<Upstream> {
    const served = this.#served;
    if (!served || !this.link.healthy) throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; try again in a moment");
    const owner = await this.link.client.get(keys.room(roomId)).catch(() => null);
    const origin = owner === null || owner === this.nodeId ? undefined : await this.registry.lookup(owner).catch(() => undefined);
    if (!origin) throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; try again in a moment");
    return StageRelay.connect({
      roomId,
      origin,
      nodeId: this.nodeId,
      secret: served.options.meetingSecret,
      home,
      listen,
      log: this.#options.log,
      now: served.options.now,
    });
  }

  /** Who waits in a room's lobby, wherever the room is. */
  lobbyWaiting(roomId: string): Promise<KnockInfo[]> {
    return this.#served?.lobbies.waiting(roomId) ?? Promise.resolve([]);
  }

  /** Starts beating as `self` (its id and public URL). */
  start(self: NodeIdentity): void {
    if (this.#started) return;
    this.#started = true;
    this.registry.setIdentity(self);
    this.#options.log.info({ node: self.id, url: self.url }, 'joined the cluster');
    void this.#tick();
  }

  /** Draining: this node stays live for its rooms but is no longer chosen for new ones. */
  async drain(): Promise<void> {
    if (this.#started) await this.registry.markDraining();
  }

  /** Leaves the cluster (heartbeat and presence removed at once) and closes the Redis connections. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#ticking?.catch(() => undefined);
    if (this.#started && this.link.healthy) {
      await Promise.all([this.registry.leave(), this.presence.leave()]).catch((err: unknown) =>
        this.#options.log.warn({ err }, 'could not leave the cluster cleanly; its keys expire'),
      );
    }
    await this.link.close();
  }

  /** One beat: heartbeat, then placements, presence and lobbies; the next beat is scheduled after it. */
  #tick(): Promise<void> {
    if (!this.#started || this.#closed) return Promise.resolve();
    if (this.#ticking) {
      this.#again = true;
      return this.#ticking;
    }
    clearTimeout(this.#timer);
    this.#ticking = (async () => {
      if (this.link.healthy) {
        try {
          await this.registry.beat();
          await Promise.all([this.#served?.placement.refresh(), this.presence.sync(), this.#served?.lobbies.refresh()]);
        } catch (err) {
          this.#options.log.debug({ err }, 'heartbeat failed');
        }
      }
    })().finally(() => {
      this.#ticking = undefined;
      if (this.#closed) return;
      if (this.#again) {
        this.#again = false;
        void this.#tick();
      } else {
        this.#timer = setTimeout(() => void this.#tick(), this.#options.heartbeatMs);
      }
    });
    return this.#ticking;
  }
}
