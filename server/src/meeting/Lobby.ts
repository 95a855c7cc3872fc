import { randomUUID } from 'node:crypto';
import type { KnockInfo } from '@ca/signaling';

export type Knock = KnockInfo & {
  /** Who knocked (user id from the token). */
  userId: string;
  /** Tells the knocking guest the answer. */
  answer: (admitted: boolean) => void;
};

/**
 * A booth room's waiting line. Guests knock; a host admits or declines; a guest who
 * gives up (or disconnects) cancels. Admitted users may join this room from then on,
 * for the life of the room. Pure state: the caller pushes `waiting()` to hosts after
 * each change (`onChange`).
 */
export class Lobby {
  readonly #waiting = new Map<string, Knock>();
  readonly #admitted = new Set<string>();
  readonly #onChange: () => void;

  constructor(onChange: () => void = () => undefined) {
    this.#onChange = onChange;
  }

  /** Adds a knock. A user knocking again replaces their earlier knock (second tab, retry). */
  knock(guest: { userId: string; displayName: string; country: string; language: string; now: number; answer: Knock['answer'] }): string {
    for (const [id, existing] of this.#waiting) if (existing.userId === guest.userId) this.#waiting.delete(id);
    const knockId = randomUUID();
    const { answer, userId, displayName, country, language } = guest;
    this.#waiting.set(knockId, { knockId, userId, displayName, country, language, since: new Date(guest.now).toISOString(), answer });
    this.#onChange();
    return knockId;
  }

  /** Lets the guest in; false if the knock is gone (cancelled, answered by another host). */
  admit(knockId: string): boolean {
    const knock = this.#take(knockId);
    if (!knock) return false;
    this.#admitted.add(knock.userId);
    knock.answer(true);
    return true;
  }

  decline(knockId: string): boolean {
    const knock = this.#take(knockId);
    if (!knock) return false;
    knock.answer(false);
    return true;
  }

  /** The guest gave up or disconnected. */
  cancel(knockId: string): void {
    this.#take(knockId);
  }

  /** Declines everyone waiting (the room closes). */
  declineAll(): void {
    for (const knockId of [...this.#waiting.keys()]) this.decline(knockId);
  }

  isAdmitted(userId: string): boolean {
    return this.#admitted.has(userId);
  }

  /** A removed participant loses their admission. */
  revoke(userId: string): void {
    this.#admitted.delete(userId);
  }

  get size(): number {
    return this.#waiting.size;
  }

  waiting(): KnockInfo[] {
    return [...this.#waiting.values()].map(({ knockId, displayName, country, language, since }) => ({
      knockId,
      displayName,
      country,
      language,
      since,
    }));
  }

  #take(knockId: string): Knock | undefined {
    const knock = this.#waiting.get(knockId);
    if (!knock) return undefined;
    this.#waiting.delete(knockId);
    this.#onChange();
    return knock;
  }
}
