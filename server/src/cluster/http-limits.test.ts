import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, apiError } from '../test-support/api.js';
import { clusterEnv, startClusterNode, type ClusterEnv } from '../test-support/cluster.js';
import { startPrivateRedis, until, type PrivateRedis } from '../test-support/redis.js';

describe('HTTP API rate limits on two nodes sharing Redis', () => {
  let redis: PrivateRedis;
  let env: ClusterEnv;
  let nodes: Platform[];
  let address = 0;

  /** One sign-in attempt with a wrong password, from a new address each time (the per-IP limit never bites). */
  const attempt = (node: Platform, email: string) =>
    new ApiClient(node.url, { forwardedFor: `198.51.100.${++address % 250}` }).post('/api/auth/login', { email, password: 'wrong-guess' });
  /** `count` attempts on one account, alternating between the nodes; the statuses in order. */
  const attempts = async (email: string, count: number, on: Platform[] = nodes) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await attempt(on[i % on.length]!, email)).status);
    return statuses;
  };
  const times = (n: number, status: number) => Array.from({ length: n }, () => status);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    env = clusterEnv(redis.url);
    nodes = [await startClusterNode(env, 'node-1'), await startClusterNode(env, 'node-2')];
  });
  afterAll(async () => {
    for (const node of nodes?.reverse() ?? []) await node.close();
    await redis?.close();
    await env?.dispose();
  });

  it('refuses the 11th sign-in attempt on one account within a minute, though the attempts were spread over both nodes', async () => {
    const statuses = await attempts('spread@example.com', 12);
    expect(statuses).toEqual([...times(10, 401), 429, 429]);
    const limited = await attempt(nodes[0]!, 'spread@example.com');
    expect(apiError(limited).code).toBe(ErrorCode.RateLimited);
  });

  it(
    'keeps answering while Redis is away, counting on each node in memory, and counts in Redis again once it is back',
    { timeout: 30_000 },
    async () => {
      await redis.stop();
      await until(() => nodes.every((node) => !node.cluster!.link.healthy));
      // No 500s: each node holds the limit by itself meanwhile.
      expect(await attempts('outage@example.com', 11, [nodes[0]!])).toEqual([...times(10, 401), 429]);
      expect(await attempts('outage@example.com', 2, [nodes[1]!])).toEqual(times(2, 401));

      await redis.start();
      await until(() => nodes.every((node) => node.cluster!.link.healthy));
      // Redis came back empty (its scripts gone too): one allowance across both nodes again.
      expect(await attempts('after@example.com', 11)).toEqual([...times(10, 401), 429]);
    },
  );
});
