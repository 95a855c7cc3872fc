/** One pending timer per key: setting a key again replaces its timer; `clear` cancels one or all. */
export class Timers {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  set(key: string, ms: number, fire: () => void): void {
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        fire();
      }, ms),
    );
  }

  /** Cancels the key's timer, or every timer without a key. */
  clear(key?: string): void {
    if (key === undefined) {
      for (const timer of this.#timers.values()) clearTimeout(timer);
      this.#timers.clear();
      return;
    }
    clearTimeout(this.#timers.get(key));
    this.#timers.delete(key);
  }
}
