import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planLiveKit, type LiveKitNode, type LiveKitPlan } from '../test-support/livekit.js';
import { joinLiveKit, type LiveKitPeer } from '../test-support/livekitPeer.js';
import { startPrivateRedis, type PrivateRedis } from '../test-support/redis.js';
import { stageToken } from './tokens.js';

/**
 * LiveKit's distributed mode, for real: two livekit-server nodes sharing one Redis (as a
 * deployment runs several). Which node hosts a room is LiveKit's choice; it is read from
 * LiveKit's own placement in Redis, so the test can aim a viewer at the other node.
 */
describe('stages on a LiveKit cluster (two nodes, one Redis)', () => {
  let redis: PrivateRedis;
  let livekit: LiveKitPlan;
  let nodes: LiveKitNode[];
  let db: Redis;
  const peers: LiveKitPeer[] = [];

  const nodeIdOf = (node: LiveKitNode) => /"nodeID": "(ND_\w+)"/.exec(node.output())?.[1];
  const config = () => ({ url: '', apiKey: livekit.apiKey, apiSecret: livekit.apiSecret, tokenTtlSeconds: 600 });
  const token = (roomId: string, userId: string, moderator: boolean) =>
    stageToken(config(), { roomId, userId, name: userId, moderator, onStage: false, now: Date.now(), until: Date.now() + 3600_000 });
  const join = async (node: LiveKitNode, roomId: string, userId: string, moderator: boolean) => {
    const peer = await joinLiveKit(node.url, await token(roomId, userId, moderator));
    peers.push(peer);
    return peer;
  };
  /** The node LiveKit placed a room on (its router keeps room -> node id in Redis). */
  const hostOf = async (roomId: string) => {
    const id = await db.hget('room_node_map', roomId);
    const node = nodes.find((n) => nodeIdOf(n) === id);
    if (!node) throw new Error(`room ${roomId} is on no known node (${id})`);
    return node;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    livekit = await planLiveKit({ nodes: 2, redisUrl: redis.url });
    nodes = await livekit.start();
    db = new Redis(redis.url, { db: 3, lazyConnect: true });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(peers.map((p) => p.close().catch(() => undefined)));
    db?.disconnect();
    await livekit?.close();
    await redis?.close();
  });

  it('a viewer whose signaling reaches the node not hosting the stage still watches it (LiveKit forwards)', async () => {
    const speaker = await join(nodes[0]!, 'stage-cluster', 'speaker', true);
    await speaker.publishCamera();
    await speaker.publishMicrophone();
    const home = await hostOf('stage-cluster');
    const other = nodes.find((n) => n !== home)!;
    const viewer = await join(other, 'stage-cluster', 'viewer', false);
    expect(await viewer.decodedFrames('speaker', 10)).toEqual({ width: 320, height: 180 });
    expect(viewer.room.remoteParticipants.get('speaker')?.trackPublications.size).toBe(2);
  }, 60_000);

  it('a node drained with SIGTERM lets its stage finish, places new stages elsewhere, and exits when its stage ends', async () => {
    const home = await hostOf('stage-cluster');
    const other = nodes.find((n) => n !== home)!;
    home.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(home.process.exitCode).toBeNull();
    // The stage goes on: the viewer keeps decoding the speaker's video.
    const viewer = peers.find((p) => p.room.localParticipant?.identity === 'viewer')!;
    expect(await viewer.decodedFrames('speaker', 10)).toEqual({ width: 320, height: 180 });
    // A stage opening now goes to the node that is not draining, even when the signaling reaches the drained one.
    await join(home, 'stage-later', 'speaker-2', true);
    expect(await hostOf('stage-later')).toBe(other);
    // Its stage over (everyone left), the drained node exits.
    for (const peer of peers.filter((p) => ['speaker', 'viewer'].includes(p.room.localParticipant?.identity ?? ''))) await peer.close();
    const exit = home.exited();
    await expect(Promise.race([exit.then(() => 'exited'), new Promise((r) => setTimeout(() => r('still running'), 30_000))])).resolves.toBe('exited');
  }, 90_000);
});
