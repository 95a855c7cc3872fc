import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { clusterEnv, startChildNode, startClusterNode, type ChildNode, type ClusterEnv } from '../test-support/cluster.js';
import { clientPool, type TestClient } from '../test-support/platform.js';
import { startPrivateRedis, until, type PrivateRedis } from '../test-support/redis.js';

type Joined = ResponsePayload<'join'>;

describe('a node that dies during a meeting', () => {
  let redis: PrivateRedis;
  let env: ClusterEnv;
  let node1: Platform;
  let node2: ChildNode;
  const { connect } = clientPool();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * What a client does when its node is gone: resume at its home address (refused: the place
   * was on the dead node), then join again, following redirects, retrying while the dead
   * node's heartbeat has not expired yet. Resolves with where it landed.
   */
  const rejoin = async (home: string, place: { roomId: string; peerId: string; resumeKey: string }, name: string) => {
    const log: string[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      let url = home;
      for (let hop = 0; hop < 3; hop++) {
        let client: TestClient;
        try {
          client = await connect(url);
        } catch {
          log.push(`connect ${url} failed`);
          break;
        }
        const resumed = await client.request('resume', place);
        if (resumed.ok) throw new Error('resume cannot work: the place was on the dead node');
        log.push(`resume: ${resumed.error.code}`);
        const ack = await client.request('join', { roomId: place.roomId, displayName: name });
        if (ack.ok) return { url, joined: ack.data as unknown as Joined, log };
        log.push(`join: ${ack.error.code}`);
        client.close();
        if (ack.error.code !== ErrorCode.RoomElsewhere) break;
        url = (ack.error.details as { url: string }).url;
      }
      await sleep(250);
    }
    throw new Error(`never got back in: ${log.join('; ')}`);
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    // The production heartbeat (1 s; a node is dead after 3 s of silence).
    env = clusterEnv(redis.url, 1_000);
    node1 = await startClusterNode(env, 'node-1');
    node2 = await startChildNode(env, 'node-2');
    await until(() => node1.cluster?.registry.others().length === 1, 15_000);
  });
  afterAll(async () => {
    await node2?.kill();
    await node1?.close();
    await redis?.close();
    await env?.dispose();
  });

  it('SIGKILL of node 2: its participants resume in vain, join again and meet on node 1 within 10 s', { timeout: 60_000 }, async () => {
    const roomId = 'failover-room';
    const ana = await connect(node2.url);
    const anaJoined = await ana.call<Joined>('join', { roomId, displayName: 'Ana' });
    const bo = await connect(node2.url);
    const boJoined = await bo.call<Joined>('join', { roomId, displayName: 'Bo' });
    expect(boJoined.peers.map((p) => p.displayName)).toEqual(['Ana']);
    expect(node1.rooms.get(roomId)).toBeUndefined();

    const dropped = Promise.all([ana, bo].map((c) => new Promise((resolve) => c.socket.once('disconnect', resolve))));
    const killedAt = performance.now();
    await node2.kill();
    await dropped;

    const [anaBack, boBack] = await Promise.all([
      rejoin(node1.url, { roomId, peerId: anaJoined.peerId, resumeKey: anaJoined.resumeKey }, 'Ana').then((r) => ({
        ...r,
        ms: performance.now() - killedAt,
      })),
      (async () => {
        await sleep(100);
        const r = await rejoin(node1.url, { roomId, peerId: boJoined.peerId, resumeKey: boJoined.resumeKey }, 'Bo');
        return { ...r, ms: performance.now() - killedAt };
      })(),
    ]);
    expect(anaBack.url).toBe(node1.url);
    expect(boBack.url).toBe(node1.url);
    expect(node1.rooms.get(roomId)?.peerCount).toBe(2);
    expect(Math.max(anaBack.ms, boBack.ms)).toBeLessThan(10_000);
    expect(anaBack.log[0]).toMatch(/resume: (ROOM_ELSEWHERE|NOT_FOUND)/);
    process.stdout.write(
      `[failover] back in the meeting on node 1 after ${anaBack.ms.toFixed(0)} ms (Ana) and ${boBack.ms.toFixed(0)} ms (Bo); ` +
        `Ana's way back: ${anaBack.log.slice(0, 4).join(', ')}${anaBack.log.length > 4 ? ', …' : ''}\n`,
    );
  });
});
