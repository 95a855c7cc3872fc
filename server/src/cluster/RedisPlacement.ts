import { ErrorCode, type ParticipantRole, type RoomElsewhereDetails } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Rooms } from '../media/Rooms.js';
import type { Room } from '../media/Room.js';
import { roomKind } from '../meeting/roomKinds.js';
import type { RoomPlacement, Where } from '../realtime/placement.js';
import { keys } from './keys.js';
import { BUSY_CPU, type NodeInfo, type NodeRegistry } from './NodeRegistry.js';
import type { RedisLink } from './RedisLink.js';

/**
 * KEYS[1] room key; ARGV: node to place it on, TTL ms, the owner the caller saw (dead) or ''.
 * Places the room unless someone else placed it meanwhile; returns the owner afterwards.
 */
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if (not current) or current == ARGV[3] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return ARGV[1]
end
return current`;

/** KEYS[1] room key; ARGV: this node, TTL ms. Keeps (or takes back) the owner's placement; returns the owner. */
const REFRESH = `
local current = redis.call('GET', KEYS[1])
if (not current) or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return ARGV[1]
end
return current`;

/** KEYS[1] room key, KEYS[2] its overflow set; ARGV[1] this node. Deletes both if the placement is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1], KEYS[2]) end
return 0`;

export type RedisPlacementOptions = {
  link: RedisLink;
  registry: NodeRegistry;
  rooms: Rooms;
  log: Logger;
  /** After Redis comes back, how long to let the nodes re-publish before new rooms are placed. */
  settleMs: number;
  /** A stage with this many viewers on its node sends further viewers to an overflow node. */
  stageAudiencePerNode: number;
};

function elsewhere(node: NodeInfo): AppError {
  const details: RoomElsewhereDetails = { url: node.url, nodeId: node.id };
  return new AppError(ErrorCode.RoomElsewhere, `this meeting is on another server: connect to ${node.url}`, details);
}

const unreachable = () =>
  new AppError(ErrorCode.Unavailable, 'the meeting directory cannot be reached; try again in a moment', {
    reason: 'cluster-unavailable',
  });

/**
 * Room placement in Redis: `ca:room:<roomId>` names the node that holds the room, with
 * a TTL of three heartbeats that its owner refreshes. A request for a room this node
 * does not hold is redirected (ROOM_ELSEWHERE) when a live node holds it; a new room,
 * or one whose node died, is claimed atomically for the least loaded live node (which
 * may be this one). Rooms held here are always served here, with or without Redis.
 */
export class RedisPlacement implements RoomPlacement {
  readonly #options: RedisPlacementOptions;
  #settledAt = 0;
  /** Rooms held here that Redis places on another node (a split after an outage), by owner. */
  readonly #split = new Map<string, string>();

  constructor(options: RedisPlacementOptions) {
    this.#options = options;
    const { rooms } = options;
    rooms.on('roomCreated', (room) => {
      void this.#own(room);
      room.once('close', () => {
        this.#split.delete(room.id);
        void this.#release(room.id);
      });
    });
    options.link.on('up', () => (this.#settledAt = Date.now() + options.settleMs));
  }

  async route(roomId: string, intent: 'open' | 'resume', role?: ParticipantRole): Promise<Where> {
    const { rooms, link, registry, log } = this.#options;
    const local = rooms.get(roomId);
    const watching = intent === 'open' && role === 'audience' && roomKind(roomId) === 'stage';
    if (local && !local.closed) {
      if (local.overflow) {
        if (intent === 'resume') return 'overflow';
        if (watching) {
          // This overflow node has its share: on to another one (the stage's node would only send them back).
          const next = link.healthy && this.#isFull(local) ? await this.#spillOver(roomId).catch(() => undefined) : undefined;
          if (next) throw elsewhere(next);
          return 'overflow';
        }
        // Speakers and hosts belong on the stage's own node.
        const node = link.healthy ? await this.#ownerNode(roomId) : undefined;
        if (node) throw elsewhere(node);
        throw unreachable();
      }
      if (watching && link.healthy && this.#isFull(local)) {
        const node = await this.#overflowNode(local).catch(() => undefined);
        if (node) throw elsewhere(node);
      }
      const owner = this.#split.get(roomId);
      if (intent === 'resume' || owner === undefined || !link.healthy) return 'here';
      // A copy of a room placed elsewhere: newcomers go to the placed one, so this copy empties out.
      const node = await registry.lookup(owner).catch(() => undefined);
      if (node) throw elsewhere(node);
      return 'here';
    }
    if (!link.healthy) {
      log.warn({ roomId, intent }, 'room not on this node and redis unreachable: refused');
      throw unreachable();
    }
    const wait = this.#settledAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      const self = registry.self.id;
      const owner = await link.client.get(keys.room(roomId));
      if (owner === self) return 'here';
      if (owner !== null) {
        const node = await registry.lookup(owner);
        // The stage's node chose this one to relay the stage to its further viewers.
        if (node && watching && (await link.client.sismember(keys.overflow(roomId), self)) === 1) return 'overflow';
        if (node) throw elsewhere(node);
        log.info({ roomId, deadNode: owner }, 'the node of this room is gone; placing it again');
      }
      if (intent === 'resume') return 'here'; // not held anywhere: the handler answers that the place expired
      const target = registry.choose();
      if (!target) throw new AppError(ErrorCode.Unavailable, 'every server is restarting; try again in a moment');
      const placed = String(await link.client.eval(CLAIM, 1, keys.room(roomId), target.id, registry.ttlMs, owner ?? ''));
      if (placed === self) return 'here';
      const node = placed === target.id ? target : await registry.lookup(placed);
      if (!node) throw unreachable();
      log.debug({ roomId, node: node.id }, 'room placed on another node');
      throw elsewhere(node);
    } catch (err) {
      if (err instanceof AppError) throw err;
      log.warn({ err, roomId }, 'room placement failed');
      throw unreachable();
    }
  }

  /** The live node Redis says holds the room (not this one), if any. */
  async #ownerNode(roomId: string): Promise<NodeInfo | undefined> {
    const { link, registry } = this.#options;
    const owner = await link.client.get(keys.room(roomId)).catch(() => null);
    if (owner === null || owner === registry.self.id) return undefined;
    return registry.lookup(owner).catch(() => undefined);
  }

  /**
   * A full overflow node's next viewer: the least loaded live node that is neither this one
   * nor the stage's, added to the stage's overflow set (so it takes them). Undefined if none.
   */
  async #spillOver(roomId: string): Promise<NodeInfo | undefined> {
    const { link, registry } = this.#options;
    const owner = await link.client.get(keys.room(roomId));
    const chosen = registry.choose({ except: [registry.self.id, ...(owner === null ? [] : [owner])] });
    if (!chosen) return undefined;
    const key = keys.overflow(roomId);
    await link.client.multi().sadd(key, chosen.id).pexpire(key, registry.ttlMs).exec();
    return chosen;
  }

  /** A stage (or an overflow room of one) on this node has as many viewers as it should take (or as the room holds). */
  #isFull(room: Room): boolean {
    return room.full || room.audienceCount >= this.#options.stageAudiencePerNode;
  }

  /**
   * The node that relays a full stage to more viewers: one already relaying it with room
   * for more (by the counts it reports) that is not busy or draining, fewest participants
   * first; else the least loaded other live node, which is added to the stage's overflow
   * set. Undefined when there is none.
   */
  async #overflowNode(room: Room): Promise<NodeInfo | undefined> {
    const { link, registry, stageAudiencePerNode } = this.#options;
    const key = keys.overflow(room.id);
    const members = new Set(await link.client.smembers(key));
    const watching = room.relays.audienceByNode();
    const share = Math.min(stageAudiencePerNode, room.maxPeers);
    const full = registry
      .others()
      .filter((n) => members.has(n.id) && (watching.get(n.id) ?? 0) >= share)
      .map((n) => n.id);
    const relaying = registry.others().filter((n) => members.has(n.id) && !full.includes(n.id) && !n.draining && n.load.cpu < BUSY_CPU);
    const byLoad = (a: NodeInfo, b: NodeInfo) => a.load.peers - b.load.peers || a.id.localeCompare(b.id);
    const self = registry.self.id;
    // Every overflow node full: one of them still (it passes the viewer on if it can), rather than the stage's own node.
    const chosen = relaying.sort(byLoad)[0] ?? registry.choose({ except: [self, ...full] }) ?? registry.choose({ except: [self] });
    if (!chosen) return undefined;
    if (!members.has(chosen.id)) await link.client.multi().sadd(key, chosen.id).pexpire(key, registry.ttlMs).exec();
    return chosen;
  }

  peerOrigins(): readonly string[] {
    return this.#options.registry.origins();
  }

  /**
   * Every beat: keeps the placements of the rooms held here (and puts them back after a
   * Redis restart), and the overflow sets of their stages. Overflow rooms are placed on their stage's node.
   */
  async refresh(): Promise<void> {
    const { rooms, link, registry, log } = this.#options;
    const held = rooms.all().filter((room) => !room.closed && !room.overflow);
    if (held.length === 0) return;
    const pipeline = link.client.pipeline();
    for (const room of held) {
      pipeline.eval(REFRESH, 1, keys.room(room.id), registry.self.id, registry.ttlMs);
      pipeline.pexpire(keys.overflow(room.id), registry.ttlMs);
    }
    const results = (await pipeline.exec()) ?? [];
    held.forEach((room, i) => {
      const [err, owner] = results[i * 2] ?? [new Error('no answer'), null];
      if (err) return;
      if (owner === registry.self.id) {
        this.#split.delete(room.id);
      } else if (!this.#split.has(room.id)) {
        // Two nodes hold the same room (it was placed elsewhere while this node could not say it
        // held it). Both go on; newcomers are sent to the placed one and this copy empties out.
        this.#split.set(room.id, String(owner));
        log.warn({ roomId: room.id, placedOn: owner }, 'room also placed on another node');
      }
    });
  }

  async #own(room: Room): Promise<void> {
    const { link, registry } = this.#options;
    if (!link.healthy || room.overflow) return;
    const roomId = room.id;
    await link.client.eval(REFRESH, 1, keys.room(roomId), registry.self.id, registry.ttlMs).catch(() => undefined);
  }

  async #release(roomId: string): Promise<void> {
    const { link, registry } = this.#options;
    if (!link.healthy) return;
    await link.client.eval(RELEASE, 2, keys.room(roomId), keys.overflow(roomId), registry.self.id).catch(() => undefined);
  }
}
