import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, expectStatus, registerGuest } from '../test-support/api.js';
import { startTestCluster, type TestCluster } from '../test-support/cluster.js';
import { until } from '../test-support/redis.js';

const DAY = 86_400_000;

describe('slot caches of two nodes sharing one Redis', () => {
  let cluster: TestCluster;
  let node1: Platform;
  let node2: Platform;
  let hudson: Booth;
  let address = 0;
  const client = (node: Platform) => new ApiClient(node.url, { forwardedFor: `203.0.113.${(address += 1)}` });
  const from = Math.ceil(Date.now() / DAY) * DAY + DAY;
  const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString(), zone: 'UTC' });
  const starts = async (node: Platform) =>
    expectStatus(await client(node).get<SlotsResponse>(`/api/booths/${hudson.id}/slots?${query}`), 200, 'slots').body.slots.map((s) => s.start);

  beforeAll(async () => {
    cluster = await startTestCluster(['node-1', 'node-2']);
    [node1, node2] = cluster.nodes as [Platform, Platform];
    await until(() => Boolean(node1.cluster?.slotBus.reliable && node2.cluster?.slotBus.reliable));
    const anon = client(node1);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    const booths = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths;
    hudson = booths.find((b) => b.organisation === 'Hudson Analytics')!;
  });
  afterAll(() => cluster?.close());

  it('a booking on one node removes the slot from the answer the other node had cached', async () => {
    const cached = await starts(node2);
    expect(node2.services.booking.slotCache.size).toBeGreaterThan(0);
    const start = cached[0]!;
    const guest = await registerGuest(node1.url, { timeZone: 'UTC', name: 'Two Node Guest' }, { forwardedFor: '203.0.113.250' });
    expectStatus(await guest.post<Appointment>('/api/appointments', { boothId: hudson.id, start }), 201, 'book on node 1');
    // Pub/sub is asynchronous: well under the cache's 10 s lifetime, node 2 answers without the slot.
    const deadline = Date.now() + 3_000;
    let seen = cached;
    while (seen.includes(start) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await starts(node2);
    }
    expect(seen).not.toContain(start);
  });

  it('caches nothing while Redis is away (changes on other nodes would go unheard) and again once it is back', async () => {
    await starts(node2);
    expect(node2.services.booking.slotCache.size).toBeGreaterThan(0);
    await cluster.redis.stop();
    await until(() => node2.cluster?.slotBus.reliable === false);
    expect(node2.services.booking.slotCache.size).toBe(0);
    expect((await starts(node2)).length).toBeGreaterThan(0);
    expect(node2.services.booking.slotCache.size).toBe(0);
    await cluster.redis.start();
    await until(() => node2.cluster?.slotBus.reliable === true, 15_000);
    await starts(node2);
    expect(node2.services.booking.slotCache.size).toBeGreaterThan(0);
  }, 30_000);
});
