/**
 * Who is in a meeting room right now, by user id (from meeting tokens). The booth
 * page's "live" badge reads it. `LocalPresence` counts on this node; with several
 * nodes, `cluster/RedisPresence` shares the counts through Redis.
 */
export interface PresenceTracker {
  /** Someone entered a room; the returned function (idempotent) says they left. */
  enter(userId: string): () => void;
  /** Whether the user is in any room (on any node), as far as this node knows. */
  online(userId: string): boolean;
}

/** In-process presence: a count of rooms per user on this node. */
export class LocalPresence implements PresenceTracker {
  readonly #count = new Map<string, number>();

  enter(userId: string): () => void {
    this.#count.set(userId, (this.#count.get(userId) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.#count.get(userId) ?? 1) - 1;
      if (n <= 0) this.#count.delete(userId);
      else this.#count.set(userId, n);
    };
  }

  online(userId: string): boolean {
    return this.#count.has(userId);
  }

  /** The users present on this node. */
  users(): string[] {
    return [...this.#count.keys()];
  }
}
