import { randomUUID } from 'node:crypto';
import type { KnockInfo } from '@ca/signaling';

export type Answer = (admitted: boolean) => void;

export type Knock = KnockInfo & {
  /** Who knocked (user id from the token). */
  userId: string;
  /** Tells the knocking guest the answer: one per tab or device the guest knocks from. */
  answers: Set<Answer>;
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

  /**
   * Adds a knock. A user knocking again (a second tab, a retry) joins their waiting knock:
   * one line for the hosts, and every tab gets the answer.
   */
  knock(guest: { userId: string; displayName: string; country: string; language: string; now: number; answer: Answer }): string {
    const { answer, userId, displayName, country, language } = guest;
    const existing = [...this.#waiting.values()].find((k) => k.userId === userId);
    if (existing) {
      existing.answers.add(answer);
      return existing.knockId;
    }
    const knockId = randomUUID();
    const since = new Date(guest.now).toISOString();
    this.#waiting.set(knockId, { knockId, userId, displayName, country, language, since, answers: new Set([answer]) });
    this.#onChange();
    return knockId;
  }

  /** Lets the guest in; false if the knock is gone (cancelled, answered by another host). */
  admit(knockId: string): boolean {
    const knock = this.#take(knockId);
    if (!knock) return false;
    this.#admitted.add(knock.userId);
    for (const answer of knock.answers) answer(true);
    return true;
  }

  decline(knockId: string): boolean {
    const knock = this.#take(knockId);
    if (!knock) return false;
    for (const answer of knock.answers) answer(false);
    return true;
  }

  /** One tab of the guest gave up or disconnected; the knock goes when no tab waits any more. */
  cancel(knockId: string, answer?: Answer): void {
    const knock = this.#waiting.get(knockId);
    if (!knock) return;
    if (answer) knock.answers.delete(answer);
    if (!answer || knock.answers.size === 0) this.#take(knockId);
  }

  /** Declines every knock of this user (a host removed them). */
  declineUser(userId: string): void {
    for (const knock of [...this.#waiting.values()]) if (knock.userId === userId) this.decline(knock.knockId);
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
