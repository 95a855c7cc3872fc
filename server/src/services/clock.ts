import { isoUtc } from '../domain/index.js';

/** Where the services read "now" (epoch ms). Tests and e2e runs pass their own. */
export type Clock = { now: () => number };

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be moved, for tests (and e2e runs with ALLOW_TEST_CLOCK). */
export class AdjustableClock implements Clock {
  #offset = 0;
  now(): number {
    return Date.now() + this.#offset;
  }
  /** Makes `now()` return `instant` at this moment, then run on from there. */
  set(instant: number): void {
    this.#offset = instant - Date.now();
  }
}

/** ISO-8601 UTC with milliseconds, exactly as `Date.prototype.toISOString()` writes it. */
export const iso = (instant: number): string => isoUtc(instant);
