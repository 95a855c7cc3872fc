/**
 * Who is in a meeting room right now, by user id (from meeting tokens). The booth
 * page's "live" badge reads it. In process today; several nodes will share it in Redis.
 */
export class PresenceTracker {
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
}
