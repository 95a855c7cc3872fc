import { createHash } from 'node:crypto';
import type { Clock } from './clock.js';

/**
 * How the nodes of a cluster tell each other that a booth's slots changed. A single node
 * needs none (`localSlotBus`); a cluster sends them over Redis pub/sub (`RedisSlotBus`).
 */
export type SlotBus = {
  /** Tells the other nodes (not this one) that this booth's slots changed. */
  publish(boothId: string): void;
  /** Calls `listener` with a booth whose slots another node changed, or with `'*'`: forget everything. */
  subscribe(listener: (boothId: string) => void): void;
  /**
   * False while messages from other nodes may be lost (Redis unreachable): the cache is
   * then bypassed, and `'*'` arrives when they can be trusted again.
   */
  readonly reliable: boolean;
};

/** The bus of a single node: there is nobody to tell. */
export const localSlotBus: SlotBus = { publish: () => {}, subscribe: () => {}, reliable: true };

/** One answer of the slots endpoint, serialized once and kept with its ETag. */
export type CachedSlots = {
  /** The JSON body. */
  readonly json: string;
  /** A strong ETag over the body: the same answer has the same tag on every node. */
  readonly etag: string;
  /** Compressed copies of `json` by content coding (see `SlotCache.encoded`). */
  readonly encoded: ReadonlyMap<string, Buffer>;
};

type Entry = CachedSlots & { encoded: Map<string, Buffer>; boothId: string; computedAt: number; bytes: number };

export type SlotCacheOptions = {
  clock: Clock;
  bus: SlotBus;
  /**
   * How long an answer is kept at most, in ms of the service clock. A safety net: bookings
   * and availability changes invalidate at once, on every node; this bounds how long a slot
   * that passed its notice period, or a change whose message was lost, can show. Default 10,000.
   */
  ttlMs?: number;
  /** Most bytes of JSON (and compressed copies) kept; the oldest answers go first. Default 32 MiB. */
  maxBytes?: number;
};

/**
 * The slots endpoint's answers per booth and query. Bookings, changes of appointments
 * and availability call `invalidate(boothId)` after they commit; every node forgets that
 * booth's answers. A computation that began before an invalidation is not stored.
 */
export class SlotCache {
  readonly #clock: Clock;
  readonly #bus: SlotBus;
  readonly #ttlMs: number;
  readonly #maxBytes: number;
  /** Insertion order is age order: the first entry is the oldest. */
  readonly #entries = new Map<string, Entry>();
  readonly #generation = new Map<string, number>();
  readonly #keys = new WeakMap<CachedSlots, string>();
  #epoch = 0;
  #bytes = 0;

  constructor(options: SlotCacheOptions) {
    this.#clock = options.clock;
    this.#bus = options.bus;
    this.#ttlMs = options.ttlMs ?? 10_000;
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#bus.subscribe((boothId) => (boothId === '*' ? this.clear() : this.#forget(boothId)));
  }

  /**
   * The cached answer for this key, or `compute()`'s, stored unless the booth changed
   * meanwhile. Bypasses the cache while the bus is not reliable.
   */
  async get(boothId: string, key: string, compute: () => Promise<unknown>): Promise<CachedSlots> {
    const fullKey = `${boothId}\u0000${key}`;
    const now = this.#clock.now();
    const hit = this.#entries.get(fullKey);
    if (hit && hit.computedAt <= now && now < hit.computedAt + this.#ttlMs && this.#bus.reliable) return hit;
    if (hit) this.#delete(fullKey, hit);
    const stamp = this.#stamp(boothId);
    const json = JSON.stringify(await compute());
    const entry: Entry = { json, etag: etagOf(json), encoded: new Map(), boothId, computedAt: now, bytes: json.length };
    if (this.#bus.reliable && stamp === this.#stamp(boothId)) this.#store(fullKey, entry);
    return entry;
  }

  /**
   * The answer's body in this content coding, made by `encode` once per cached answer and
   * kept with it (counted against `maxBytes`).
   */
  encoded(answer: CachedSlots, coding: string, encode: (json: string) => Buffer): Buffer {
    const known = answer.encoded.get(coding);
    if (known) return known;
    const body = encode(answer.json);
    const key = this.#keys.get(answer);
    const stored = key === undefined ? undefined : this.#entries.get(key);
    if (stored === answer) {
      stored.encoded.set(coding, body);
      stored.bytes += body.length;
      this.#bytes += body.length;
      this.#evict();
    }
    return body;
  }

  /** This booth's slots changed (call after the change committed): forget them here and on every node. */
  invalidate(boothId: string): void {
    this.#forget(boothId);
    this.#bus.publish(boothId);
  }

  /** Forgets every answer (on this node only). */
  clear(): void {
    this.#epoch += 1;
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Answers held, for tests and diagnostics. */
  get size(): number {
    return this.#entries.size;
  }

  #stamp(boothId: string): string {
    return `${this.#epoch}:${this.#generation.get(boothId) ?? 0}`;
  }

  #forget(boothId: string): void {
    this.#generation.set(boothId, (this.#generation.get(boothId) ?? 0) + 1);
    for (const [key, entry] of this.#entries) if (entry.boothId === boothId) this.#delete(key, entry);
  }

  #store(key: string, entry: Entry): void {
    this.#entries.set(key, entry);
    this.#keys.set(entry, key);
    this.#bytes += entry.bytes;
    this.#evict();
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) return;
      this.#delete(key, entry);
    }
  }

  #delete(key: string, entry: Entry): void {
    if (this.#entries.get(key) !== entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

function etagOf(json: string): string {
  return `"${createHash('sha1').update(json).digest('base64url')}"`;
}
