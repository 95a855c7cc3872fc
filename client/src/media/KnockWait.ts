/**
 * One wait in a booth room's lobby: the `knock` ack names the knock, the
 * `knockAnswered` push answers it (possibly before the ack is handled, so early
 * answers are kept). `cancel()` ends the wait as not admitted.
 */
export class KnockWait {
  readonly #answers = new Map<string, boolean>();
  #knockId: string | null = null;
  #resolve: ((admitted: boolean) => void) | null = null;
  readonly answer: Promise<boolean>;

  constructor() {
    this.answer = new Promise<boolean>((resolve) => (this.#resolve = resolve));
  }

  /** The knock ack arrived (again, after a reconnect: the knock is new). */
  knocked(knockId: string): void {
    this.#knockId = knockId;
    const early = this.#answers.get(knockId);
    if (early !== undefined) this.#settle(early);
  }

  /** A `knockAnswered` push. */
  answered(knockId: string, admitted: boolean): void {
    if (knockId === this.#knockId) this.#settle(admitted);
    else this.#answers.set(knockId, admitted);
  }

  cancel(): void {
    this.#settle(false);
  }

  #settle(admitted: boolean): void {
    this.#resolve?.(admitted);
    this.#resolve = null;
  }
}
