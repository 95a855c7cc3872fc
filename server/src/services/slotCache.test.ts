import { describe, expect, it } from 'vitest';
import { AdjustableClock } from './clock.js';
import { SlotCache, type SlotBus } from './slotCache.js';

/** A bus as a cluster node sees it: what it published, a way to deliver another node's message, a switchable link. */
function testBus() {
  const listeners: ((boothId: string) => void)[] = [];
  const bus = {
    reliable: true as boolean,
    published: [] as string[],
    publish(boothId: string) {
      bus.published.push(boothId);
    },
    subscribe(listener: (boothId: string) => void) {
      listeners.push(listener);
    },
    deliver(boothId: string) {
      for (const l of listeners) l(boothId);
    },
  } satisfies SlotBus & Record<string, unknown>;
  return bus;
}

function setup(options: { ttlMs?: number; maxBytes?: number } = {}) {
  const clock = new AdjustableClock();
  const bus = testBus();
  const cache = new SlotCache({ clock, bus, ...options });
  let computed = 0;
  const compute = (value: unknown) => () => {
    computed += 1;
    return Promise.resolve(value);
  };
  return { clock, bus, cache, compute, computed: () => computed };
}

describe('SlotCache', () => {
  it('computes an answer once and hands the same body and ETag back until the booth is invalidated', async () => {
    const { cache, bus, compute, computed } = setup();
    const a = await cache.get('booth-1', 'week', compute({ slots: [1] }));
    const b = await cache.get('booth-1', 'week', compute({ slots: [2] }));
    expect(b).toBe(a);
    expect(a.json).toBe('{"slots":[1]}');
    expect(computed()).toBe(1);
    cache.invalidate('booth-1');
    expect(bus.published).toEqual(['booth-1']);
    const c = await cache.get('booth-1', 'week', compute({ slots: [2] }));
    expect(c.json).toBe('{"slots":[2]}');
    expect(c.etag).not.toBe(a.etag);
  });

  it('forgets only the booth that changed, here or on another node', async () => {
    const { cache, bus, compute, computed } = setup();
    await cache.get('booth-1', 'week', compute(1));
    await cache.get('booth-2', 'week', compute(2));
    bus.deliver('booth-1');
    await cache.get('booth-1', 'week', compute(1));
    await cache.get('booth-2', 'week', compute(2));
    expect(computed()).toBe(3);
    bus.deliver('*');
    expect(cache.size).toBe(0);
  });

  it('does not keep an answer whose computation began before the booth changed', async () => {
    const { cache, compute } = setup();
    let release: (value: unknown) => void = () => {};
    const slow = cache.get('booth-1', 'week', () => new Promise((resolve) => (release = resolve)));
    cache.invalidate('booth-1'); // a booking commits while the slow query still reads
    release({ slots: ['old'] });
    expect((await slow).json).toBe('{"slots":["old"]}');
    expect(cache.size).toBe(0);
    expect((await cache.get('booth-1', 'week', compute({ slots: ['new'] }))).json).toBe('{"slots":["new"]}');
  });

  it('keeps an answer for ttlMs of the service clock, and not past a jump of that clock either way', async () => {
    const { cache, clock, compute, computed } = setup({ ttlMs: 10_000 });
    const t0 = Date.parse('2027-03-01T10:00:00Z');
    clock.set(t0);
    await cache.get('b', 'k', compute(1));
    clock.set(t0 + 9_000);
    await cache.get('b', 'k', compute(1));
    expect(computed()).toBe(1);
    clock.set(t0 + 10_001);
    await cache.get('b', 'k', compute(1));
    expect(computed()).toBe(2);
    clock.set(t0 - 60_000);
    await cache.get('b', 'k', compute(1));
    expect(computed()).toBe(3);
  });

  it('computes every time, and keeps nothing, while the bus may be losing messages', async () => {
    const { cache, bus, compute, computed } = setup();
    await cache.get('b', 'k', compute(1));
    bus.reliable = false;
    await cache.get('b', 'k', compute(1));
    await cache.get('b', 'k', compute(1));
    expect(computed()).toBe(3);
    bus.reliable = true;
    await cache.get('b', 'k', compute(1));
    await cache.get('b', 'k', compute(1));
    expect(computed()).toBe(4);
  });

  it('drops the oldest answers beyond maxBytes, compressed copies counted', async () => {
    const { cache, compute } = setup({ maxBytes: 1_000 });
    const big = 'x'.repeat(300);
    const first = await cache.get('b1', 'k', compute(big));
    await cache.get('b2', 'k', compute(big));
    await cache.get('b3', 'k', compute(big));
    expect(cache.size).toBe(3);
    cache.encoded(first, 'gzip', () => Buffer.alloc(200)); // 3 × 302 + 200 > 1,000: the oldest goes
    expect(cache.size).toBe(2);
    const third = await cache.get('b3', 'k', compute('other'));
    expect(third.json).toBe(JSON.stringify(big));
    expect(cache.encoded(third, 'br', () => Buffer.from('made'))).toEqual(Buffer.from('made'));
    expect(cache.encoded(third, 'br', () => Buffer.from('again'))).toEqual(Buffer.from('made'));
  });
});
