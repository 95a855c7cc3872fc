import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { SlotBus } from '../services/slotCache.js';
import { keys } from './keys.js';
import type { RedisLink } from './RedisLink.js';

export type RedisSlotBusOptions = {
  link: RedisLink;
  log: Logger;
};

/**
 * Tells every node that a booth's slots changed, over Redis pub/sub (at most once: a
 * message sent while a node's subscription is down is lost). So a node trusts its slot
 * cache only while its subscription stands (`reliable`); when it drops the node forgets
 * every answer, and again when the subscription is back, since it may have missed changes.
 */
export class RedisSlotBus implements SlotBus {
  readonly #link: RedisLink;
  readonly #log: Logger;
  readonly #subscriber: Redis;
  /** Marks this node's own messages, which it has already acted on. */
  readonly #sender = randomUUID();
  readonly #listeners: ((boothId: string) => void)[] = [];
  #subscribed = false;

  constructor(options: RedisSlotBusOptions) {
    this.#link = options.link;
    this.#log = options.log;
    this.#subscriber = options.link.waitingConnection('slots');
    this.#subscriber.on('message', (_channel: string, message: string) => this.#onMessage(message));
    // On every (re)connection: trusted once Redis confirms the subscription, not before.
    this.#subscriber.on('ready', () => this.#subscribe());
    this.#subscriber.on('close', () => this.#down());
  }

  get reliable(): boolean {
    return this.#subscribed && this.#link.healthy;
  }

  publish(boothId: string): void {
    if (!this.#link.healthy) return;
    this.#link.client
      .publish(keys.slotsChannel, `${this.#sender} ${boothId}`)
      .catch((err: unknown) => this.#log.debug({ err, boothId }, 'slot invalidation not published'));
  }

  subscribe(listener: (boothId: string) => void): void {
    this.#listeners.push(listener);
  }

  #onMessage(message: string): void {
    const [sender, boothId] = message.split(' ');
    if (!boothId || sender === this.#sender) return;
    this.#emit(boothId);
  }

  #subscribe(): void {
    this.#subscriber.subscribe(keys.slotsChannel).then(
      () => this.#up(),
      (err: unknown) => this.#log.debug({ err }, 'slot invalidation subscription failed'),
    );
  }

  #up(): void {
    if (this.#subscribed || this.#subscriber.status !== 'ready') return;
    this.#subscribed = true;
    this.#emit('*');
  }

  #down(): void {
    if (!this.#subscribed) return;
    this.#subscribed = false;
    this.#emit('*');
  }

  #emit(boothId: string): void {
    for (const listener of this.#listeners) listener(boothId);
  }
}
