import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ParticipantRole, type ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { roomKey } from '../realtime/types.js';
import { startTestCluster, type ClusterEnv, type TestCluster } from '../test-support/cluster.js';
import { clientPool, testMeetingToken, refusedHandshake, type TestClient } from '../test-support/platform.js';
import { until } from '../test-support/redis.js';

type Joined = ResponsePayload<'join'>;
type Ack = Awaited<ReturnType<TestClient['request']>>;

describe('two nodes sharing one Redis', () => {
  let cluster: TestCluster;
  let env: ClusterEnv;
  let node1: Platform;
  let node2: Platform;
  const { connect } = clientPool();
  const token = (room: string, role: ParticipantRole, name: string) => testMeetingToken(env.meetingSecret, { room, role, name });
  const errorOf = (ack: Ack) => (ack.ok ? undefined : ack.error);
  /** Sends a request on a fresh socket to `url`; on ROOM_ELSEWHERE repeats it where it points. */
  const follow = async (url: string, event: string, payload: unknown) => {
    let client = await connect(url);
    let ack = await client.request(event, payload);
    const first = errorOf(ack);
    if (first?.code === ErrorCode.RoomElsewhere) {
      client.close();
      client = await connect((first.details as { url: string }).url);
      ack = await client.request(event, payload);
    }
    return { client, ack, redirectedFrom: first?.code === ErrorCode.RoomElsewhere ? url : undefined };
  };

  beforeAll(async () => {
    cluster = await startTestCluster(['node-1', 'node-2']);
    ({ env } = cluster);
    [node1, node2] = cluster.nodes as [Platform, Platform];
    await until(
      () =>
        node1.cluster?.registry
          .others()
          .map((n) => n.id)
          .join() === 'node-2',
    );
    await until(
      () =>
        node2.cluster?.registry
          .others()
          .map((n) => n.id)
          .join() === 'node-1',
    );
  });
  afterAll(() => cluster?.close());

  it('a participant who reaches node 2 for a room placed on node 1 gets ROOM_ELSEWHERE with its URL and joins there', async () => {
    const first = await connect(node1.url);
    const joined = await first.call<Joined>('join', { roomId: 'cross-a', displayName: 'Ana' });
    const second = await connect(node2.url);
    const ack = await second.request('join', { roomId: 'cross-a', displayName: 'Bo' });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.RoomElsewhere, details: { url: node1.url, nodeId: 'node-1' } } });
    expect(node2.rooms.get('cross-a')).toBeUndefined();

    const peerJoined = first.next<{ peer: { displayName: string } }>('peerJoined');
    const there = await connect(node1.url);
    const bo = await there.call<Joined>('join', { roomId: 'cross-a', displayName: 'Bo' });
    expect(bo.peers.map((p) => p.peerId)).toEqual([joined.peerId]);
    expect((await peerJoined).peer.displayName).toBe('Bo');
  });

  it('resume of a place on node 1 asked of node 2 is redirected too', async () => {
    const first = await connect(node1.url);
    const joined = await first.call<Joined>('join', { roomId: 'cross-resume', displayName: 'Ana' });
    const other = await connect(node2.url);
    const ack = await other.request('resume', { roomId: 'cross-resume', peerId: joined.peerId, resumeKey: joined.resumeKey });
    expect(errorOf(ack)).toMatchObject({ code: ErrorCode.RoomElsewhere, details: { url: node1.url } });
  });

  it('a new room goes to the least loaded live node: node 1 with a meeting sends it to idle node 2', async () => {
    const busy = await connect(node1.url);
    await busy.call('join', { roomId: 'load-busy', displayName: 'Ana' });
    await expect.poll(() => node2.cluster?.registry.others()[0]?.load.peers).toBeGreaterThan(0);
    await expect.poll(() => node1.cluster?.registry.selfInfo().load.peers).toBeGreaterThan(0);
    const { ack, redirectedFrom } = await follow(node1.url, 'join', { roomId: 'load-new', displayName: 'Cy' });
    expect(ack.ok).toBe(true);
    expect(redirectedFrom).toBe(node1.url);
    expect(node2.rooms.get('load-new')).toBeDefined();
    expect(node1.rooms.get('load-new')).toBeUndefined();
  });

  it('presence made on one node is seen on the other, and goes when the participant leaves', async () => {
    const host = await connect(node1.url);
    await host.call('join', { roomId: 'appt-presence', displayName: 'x', token: token('appt-presence', 'host', 'Mei') });
    expect(node1.cluster?.presence.online('user-Mei')).toBe(true);
    await expect.poll(() => node2.cluster?.presence.online('user-Mei'), { timeout: 3_000 }).toBe(true);
    await host.call('leave', {});
    await expect.poll(() => node2.cluster?.presence.online('user-Mei'), { timeout: 3_000 }).toBe(false);
  });

  it('a knock made through node 2 reaches the host on node 1; any node sees the waiting list; the admitted guest joins', async () => {
    const room = 'booth-cross';
    const host = await connect(node1.url);
    await host.call('join', { roomId: room, displayName: 'x', token: token(room, 'host', 'Li') });
    const guestToken = token(room, 'guest', 'Ana');
    const lobby = host.next<{ waiting: Array<{ knockId: string; displayName: string }> }>('lobbyChanged');
    const { client: guest, ack, redirectedFrom } = await follow(node2.url, 'knock', { roomId: room, token: guestToken });
    expect(redirectedFrom).toBe(node2.url);
    expect(ack.ok).toBe(true);
    const { knockId } = (ack as { ok: true; data: { knockId: string } }).data;
    expect((await lobby).waiting).toMatchObject([{ knockId, displayName: 'Ana' }]);
    await expect.poll(() => node2.cluster?.lobbyWaiting(room)).toMatchObject([{ knockId, displayName: 'Ana' }]);

    const answer = guest.next<{ admitted: boolean }>('knockAnswered');
    await host.call('admit', { knockId });
    expect(await answer).toMatchObject({ admitted: true });
    await guest.call<Joined>('join', { roomId: room, displayName: 'Ana', token: guestToken });
    await expect.poll(() => node2.cluster?.lobbyWaiting(room)).toEqual([]);
  });

  it('a broadcast from one node reaches the sockets of the other', async () => {
    const there = await connect(node2.url);
    await there.call('join', { roomId: 'on-node-2', displayName: 'Bo' });
    expect(node2.rooms.get('on-node-2')).toBeDefined();
    const pushed = there.next<{ locked: boolean }>('roomLockChanged');
    node1.io.to(roomKey('on-node-2')).emit('roomLockChanged', { locked: true });
    expect(await pushed).toEqual({ locked: true });
  });

  it('a page served by one node may open a socket on the other; foreign origins stay out', async () => {
    expect(await refusedHandshake(node1.url, { origin: node2.url })).toBeUndefined();
    expect(await refusedHandshake(node2.url, { origin: node1.url })).toBeUndefined();
    expect(await refusedHandshake(node1.url, { origin: 'https://evil.example' })).toMatchObject({ code: ErrorCode.OriginNotAllowed });
  });

  it('a draining node stays live for its rooms but gets no new ones', async () => {
    await node2.cluster?.drain();
    await expect.poll(() => node1.cluster?.registry.others()[0]?.draining).toBe(true);
    // Node 1 is busier (it holds meetings), yet new rooms stay here now.
    const busy = await connect(node1.url);
    await busy.call('join', { roomId: 'drain-busy', displayName: 'Ana' });
    const { ack, redirectedFrom } = await follow(node1.url, 'join', { roomId: 'drain-new', displayName: 'Cy' });
    expect(ack.ok).toBe(true);
    expect(redirectedFrom).toBeUndefined();
    expect(node1.rooms.get('drain-new')).toBeDefined();
  });
});
