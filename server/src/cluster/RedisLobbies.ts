import { z } from 'zod';
import type { KnockInfo } from '@ca/signaling';
import type { Logger } from '../logger.js';
import type { Room } from '../media/Room.js';
import type { Rooms } from '../media/Rooms.js';
import { keys } from './keys.js';
import type { NodeRegistry } from './NodeRegistry.js';
import type { RedisLink } from './RedisLink.js';

const waitingSchema = z.array(
  z.object({ knockId: z.string(), displayName: z.string(), country: z.string(), language: z.string(), since: z.string() }),
);

export type RedisLobbiesOptions = { link: RedisLink; registry: NodeRegistry; rooms: Rooms; log: Logger };

/**
 * Booth lobbies across nodes. A lobby lives with its room, on the room's node: knocks,
 * admissions and the hosts' `lobbyChanged` pushes happen there, because the redirect
 * brings guests and hosts to that node whichever node they reached first. What is
 * shared is the waiting list: each change is written to `ca:lobby:<roomId>` (TTL three
 * beats, refreshed every beat, re-written after a Redis restart), so any node can tell
 * who waits at a booth (`waiting()`).
 */
export class RedisLobbies {
  readonly #options: RedisLobbiesOptions;

  constructor(options: RedisLobbiesOptions) {
    this.#options = options;
    options.rooms.on('roomCreated', (room) => {
      room.policy.on('lobbyChanged', () => void this.#write([room]).catch(() => undefined));
      room.once('close', () => {
        if (options.link.healthy) void options.link.client.del(keys.lobby(room.id)).catch(() => undefined);
      });
    });
  }

  /** Who waits in a room's lobby, wherever the room is (empty when no one, or Redis is unreachable). */
  async waiting(roomId: string): Promise<KnockInfo[]> {
    const local = this.#options.rooms.get(roomId);
    if (local && !local.closed) return local.policy.waiting();
    if (!this.#options.link.healthy) return [];
    const raw = await this.#options.link.client.get(keys.lobby(roomId)).catch(() => null);
    if (raw === null) return [];
    const parsed = waitingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  }

  /** Every beat: keeps the waiting lists of the rooms held here. */
  async refresh(): Promise<void> {
    await this.#write(this.#options.rooms.all().filter((room) => !room.closed && room.policy.waiting().length > 0));
  }

  async #write(rooms: Room[]): Promise<void> {
    const { link, registry } = this.#options;
    if (!link.healthy || rooms.length === 0) return;
    const pipeline = link.client.pipeline();
    for (const room of rooms) {
      const waiting = room.policy.waiting();
      if (waiting.length === 0) pipeline.del(keys.lobby(room.id));
      else pipeline.set(keys.lobby(room.id), JSON.stringify(waiting), 'PX', registry.ttlMs);
    }
    await pipeline.exec();
  }
}
