import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ParticipantRole, type ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { startTestCluster, type ClusterEnv, type TestCluster } from '../test-support/cluster.js';
import { clientPool, testMeetingToken } from '../test-support/platform.js';

type Joined = ResponsePayload<'join'>;

describe('a stage that fills its overflow nodes', () => {
  let cluster: TestCluster;
  let env: ClusterEnv;
  let nodes: Platform[] = [];
  const { connect } = clientPool();
  const token = (room: string, role: ParticipantRole, name: string) => testMeetingToken(env.meetingSecret, { room, role, name });

  beforeAll(async () => {
    // One viewer per node: the stage's node takes one, each overflow node one.
    cluster = await startTestCluster(['node-1', 'node-2', 'node-3'], { STAGE_AUDIENCE_PER_NODE: '1' });
    ({ env, nodes } = cluster);
  });
  afterAll(() => cluster?.close());

  /** Joins through node 1 as a viewer and follows the redirect; answers the node that took them. */
  async function viewer(room: string, name: string): Promise<string> {
    const first = await connect(nodes[0]!.url);
    const ack = await first.request('join', { roomId: room, displayName: 'x', token: token(room, 'audience', name) });
    if (ack.ok) return 'node-1';
    expect(ack.error.code).toBe(ErrorCode.RoomElsewhere);
    const { url, nodeId } = ack.error.details as { url: string; nodeId: string };
    const there = await connect(url);
    await there.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'audience', name) });
    return nodeId;
  }

  it('sends each further viewer to an overflow node with room left, by the counts they report', async () => {
    const room = 'stage-spread';
    const host = await connect(nodes[0]!.url);
    await host.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'host', 'Mo') });
    expect(await viewer(room, 'Ann')).toBe('node-1');
    const second = await viewer(room, 'Bo');
    expect(['node-2', 'node-3']).toContain(second);
    const stage = nodes[0]!.rooms.get(room);
    await expect.poll(() => stage?.relays.audienceByNode().get(second), { timeout: 5_000 }).toBe(1);
    const third = await viewer(room, 'Cy');
    expect(['node-2', 'node-3']).toContain(third);
    expect(third).not.toBe(second);
    await expect.poll(() => stage?.overflowAudience, { timeout: 5_000 }).toBe(2);
    expect(stage?.relays.size).toBe(2);
  });
});
