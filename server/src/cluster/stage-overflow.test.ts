import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, RELAY_NAMESPACE, type ParticipantRole, type ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { mediaCodecs } from '../media/codecs.js';
import { silentLog } from '../test-support/media.js';
import { signRelayToken } from '../security/relayTokens.js';
import { StageLink } from './StageLink.js';
import { startTestCluster, type ClusterEnv, type TestCluster } from '../test-support/cluster.js';
import { clientPool, testMeetingToken, type TestClient } from '../test-support/platform.js';
import { opusParameters, vp8Parameters } from '../test-support/rtp.js';

type Joined = ResponsePayload<'join'>;
type Ack = Awaited<ReturnType<TestClient['request']>>;
const errorOf = (ack: Ack) => (ack.ok ? undefined : ack.error);

describe('a stage bigger than one node: overflow viewers on a second node', () => {
  let cluster: TestCluster;
  let env: ClusterEnv;
  let node1: Platform;
  let node2: Platform;
  const { connect } = clientPool();
  const token = (room: string, role: ParticipantRole, name: string) => testMeetingToken(env.meetingSecret, { room, role, name });

  beforeAll(async () => {
    // One viewer per node: the second viewer of a stage already overflows.
    cluster = await startTestCluster(['node-1', 'node-2'], { STAGE_AUDIENCE_PER_NODE: '1', MEDIA_WORKERS: '2' });
    ({ env } = cluster);
    [node1, node2] = cluster.nodes as [Platform, Platform];
  });
  afterAll(() => cluster?.close());

  /** A moderator on node 1 sending camera and microphone, and one viewer there (the node's share). */
  async function stageOnNode1(room: string) {
    const host = await connect(node1.url);
    const hostJoined = await host.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'host', 'Mo') });
    const send = await host.call<{ id: string }>('createTransport', { direction: 'send' });
    const camera = await host.call<{ producerId: string }>('produce', {
      transportId: send.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: vp8Parameters(5000),
    });
    const mic = await host.call<{ producerId: string }>('produce', {
      transportId: send.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusParameters(5001),
    });
    const first = await connect(node1.url);
    await first.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'audience', 'Ann') });
    return { host, hostJoined, sendId: send.id, camera: camera.producerId, mic: mic.producerId };
  }

  /** The next viewer: node 1 sends them to node 2 (ROOM_ELSEWHERE), where they join the overflow room. */
  async function overflowViewer(room: string, name: string) {
    const atStage = await connect(node1.url);
    const ack = await atStage.request('join', { roomId: room, displayName: 'x', token: token(room, 'audience', name) });
    expect(errorOf(ack)).toMatchObject({ code: ErrorCode.RoomElsewhere, details: { url: node2.url, nodeId: 'node-2' } });
    const viewer = await connect(node2.url);
    const joined = await viewer.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'audience', name) });
    return { viewer, joined };
  }

  it("a full stage sends the next viewer to node 2, which shows the stage's people and consumes its producers", async () => {
    const room = 'stage-overflow-a';
    const { hostJoined, camera, mic } = await stageOnNode1(room);
    const { viewer, joined } = await overflowViewer(room, 'Bo');
    expect(joined.room.overflow).toBe(true);
    expect(node2.rooms.get(room)?.overflow).toBe(true);
    const moderator = joined.peers.find((p) => p.peerId === hostJoined.peerId);
    expect(moderator).toMatchObject({ displayName: 'Mo', role: 'host' });
    expect(moderator?.producers.map((p) => p.producerId).sort()).toEqual([camera, mic].sort());
    expect(joined.peers.map((p) => p.displayName)).toContain('Ann');

    const recv = await viewer.call<{ id: string }>('createTransport', { direction: 'recv' });
    for (const producerId of [camera, mic]) {
      const consumed = await viewer.call<{ producerId: string; peerId: string }>('consume', {
        transportId: recv.id,
        producerId,
        rtpCapabilities: joined.routerRtpCapabilities,
      });
      expect(consumed).toMatchObject({ producerId, peerId: hostJoined.peerId });
    }
    // Node 1 counts only its own viewer; node 2's comes through one relay.
    expect(node1.rooms.get(room)?.audienceCount).toBe(1);
    expect(node1.rooms.get(room)?.relays.size).toBe(1);
  });

  it("the stage's changes reach the overflow viewers: new producers, pauses, chat both ways, closing", async () => {
    const room = 'stage-overflow-b';
    const { host, sendId, camera } = await stageOnNode1(room);
    const { viewer, joined } = await overflowViewer(room, 'Cy');

    const paused = viewer.next<{ producerId: string }>('producerPaused');
    await host.call('pauseProducer', { producerId: camera });
    expect((await paused).producerId).toBe(camera);

    const added = viewer.next<{ producer: { producerId: string; source: string } }>('producerAdded');
    const screen = await host.call<{ producerId: string }>('produce', {
      transportId: sendId,
      kind: 'video',
      source: 'screen',
      rtpParameters: { ...vp8Parameters(5002), mid: '2' },
    });
    expect((await added).producer).toMatchObject({ producerId: screen.producerId, source: 'screen' });

    const fromStage = viewer.next<{ message: { text: string; displayName: string } }>('chatMessage');
    await host.call('sendChat', { text: 'Welcome, everyone' });
    expect((await fromStage).message).toMatchObject({ text: 'Welcome, everyone', displayName: 'Mo' });

    const atStage = host.next<{ message: { text: string; displayName: string; peerId: string } }>('chatMessage');
    const sent = await viewer.call<{ message: { text: string } }>('sendChat', { text: 'Greetings from node 2' });
    expect(sent.message.text).toBe('Greetings from node 2');
    expect((await atStage).message).toMatchObject({ text: 'Greetings from node 2', displayName: 'Cy', peerId: joined.peerId });

    const closed = viewer.next<{ producerId: string }>('producerClosed');
    await host.call('closeProducer', { producerId: screen.producerId });
    expect((await closed).producerId).toBe(screen.producerId);
  });

  it('overflow viewers watch: a raised hand is refused with a clear FORBIDDEN; a moderator on node 2 is sent to node 1', async () => {
    const room = 'stage-overflow-c';
    await stageOnNode1(room);
    const { viewer } = await overflowViewer(room, 'Di');
    expect(errorOf(await viewer.request('raiseHand', { raised: true }))).toMatchObject({ code: ErrorCode.Forbidden });
    const moderator = await connect(node2.url);
    const ack = await moderator.request('join', { roomId: room, displayName: 'x', token: token(room, 'host', 'Eve') });
    expect(errorOf(ack)).toMatchObject({ code: ErrorCode.RoomElsewhere, details: { nodeId: 'node-1' } });
  });

  it('when the stage ends on node 1 the overflow room on node 2 closes and its viewers are told', async () => {
    const room = 'stage-overflow-d';
    const { host } = await stageOnNode1(room);
    const { viewer } = await overflowViewer(room, 'Fay');
    const ended = viewer.next<{ reason: { code: string } }>('roomClosed');
    node1.rooms.get(room)?.close({ code: ErrorCode.Unavailable, message: 'the stage ended' });
    expect((await ended).reason.code).toBe(ErrorCode.Unavailable);
    await expect.poll(() => node2.rooms.get(room)).toBeUndefined();
    host.close();
  });

  it('when the last overflow viewer leaves, node 2 closes its overflow room and node 1 its end of the pipe; the stage goes on', async () => {
    const room = 'stage-overflow-f';
    await stageOnNode1(room);
    const { viewer } = await overflowViewer(room, 'Gus');
    expect(node1.rooms.get(room)?.relays.size).toBe(1);
    await viewer.call('leave', {});
    await expect.poll(() => node2.rooms.get(room)).toBeUndefined();
    await expect.poll(() => node1.rooms.get(room)?.relays.size).toBe(0);
    expect(node1.rooms.get(room)?.peerCount).toBe(2);
    // The next viewer past the node's share opens a fresh relay.
    await overflowViewer(room, 'Hal');
    await expect.poll(() => node1.rooms.get(room)?.relays.size).toBe(1);
  });

  it('the stage hears how many watch from the overflow node: in pushes, in a late join, and back to 0 when they leave', async () => {
    const room = 'stage-overflow-g';
    const { host } = await stageOnNode1(room);
    const counts: number[] = [];
    host.socket.on('overflowAudience', ({ count }: { count: number }) => counts.push(count));
    const { viewer: jo } = await overflowViewer(room, 'Jo');
    const { viewer: kai, joined } = await overflowViewer(room, 'Kai');
    await expect.poll(() => counts.at(-1), { timeout: 5_000 }).toBe(2);
    expect(node1.rooms.get(room)?.overflowAudience).toBe(2);
    // Overflow viewers see the total too (through their own node).
    expect(joined.room.overflowAudience ?? 0).toBeGreaterThanOrEqual(1);
    const late = await connect(node1.url);
    const lateJoined = await late.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'host', 'Lou') });
    expect(lateJoined.room.overflowAudience).toBe(2);
    await jo.call('leave', {});
    await kai.call('leave', {});
    await expect.poll(() => counts.at(-1), { timeout: 5_000 }).toBe(0);
    expect(lateJoined.room.overflow).toBeUndefined();
  });

  it('the stage stays while overflow viewers watch, after everyone on its own node left; then it ends for all', async () => {
    const room = 'stage-overflow-h';
    const { host } = await stageOnNode1(room);
    const { viewer } = await overflowViewer(room, 'Max');
    const ann = node1.rooms
      .get(room)
      ?.peerInfos()
      .find((p) => p.displayName === 'Ann');
    expect(ann).toBeDefined();
    await host.call('leave', {});
    // Ann (the viewer on node 1) leaves too: nobody is left on the stage's node.
    node1.rooms.get(room)?.getPeer(ann!.peerId)?.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(node1.rooms.get(room)?.closed).toBe(false);
    expect(node2.rooms.get(room)?.closed).toBe(false);
    await viewer.call('leave', {});
    await expect.poll(() => node2.rooms.get(room)).toBeUndefined();
    await expect.poll(() => node1.rooms.get(room)).toBeUndefined();
  });

  it('a user removed on the stage node leaves the overflow node too, and cannot come back through it', async () => {
    const room = 'stage-overflow-r';
    const { host } = await stageOnNode1(room);
    // Ann watches on node 1 and, from a second device, on node 2 (node 1 had its share).
    const { viewer: annAway } = await overflowViewer(room, 'Ann');
    const removed = annAway.next<{ reason: { code: string } }>('roomClosed');
    const ann = node1.rooms
      .get(room)
      ?.peerInfos()
      .find((p) => p.displayName === 'Ann');
    await host.call('removeParticipant', { peerId: ann!.peerId });
    expect((await removed).reason.code).toBe(ErrorCode.RemovedByHost);
    await expect
      .poll(
        () =>
          node2.rooms
            .get(room)
            ?.peerInfos()
            .some((p) => p.displayName === 'Ann') ?? false,
      )
      .toBe(false);
    // Node 1 has room again: Cy takes it, so Ann's next try is sent to node 2, which keeps her out.
    const cy = await connect(node1.url);
    await cy.call<Joined>('join', { roomId: room, displayName: 'x', token: token(room, 'audience', 'Cy') });
    const back = await connect(node1.url);
    const ack = await back.request('join', { roomId: room, displayName: 'x', token: token(room, 'audience', 'Ann') });
    expect(errorOf(ack)).toMatchObject({ code: ErrorCode.RoomElsewhere, details: { nodeId: 'node-2' } });
    const there = await connect(node2.url);
    const refused = await there.request('join', { roomId: room, displayName: 'x', token: token(room, 'audience', 'Ann') });
    expect(errorOf(refused)).toMatchObject({ code: ErrorCode.RemovedByHost });
  });

  it('a host removes an overflow viewer known from the chat: the overflow node ends the visit and the stage keeps the user out', async () => {
    const room = 'stage-overflow-m';
    const { host } = await stageOnNode1(room);
    const { viewer } = await overflowViewer(room, 'Troll');
    const written = host.next<{ message: { peerId: string; displayName: string } }>('chatMessage');
    await viewer.call('sendChat', { text: 'buy my stuff' });
    const { message } = await written;
    expect(message.displayName).toBe('Troll');
    const removed = viewer.next<{ reason: { code: string } }>('roomClosed');
    await host.call('removeParticipant', { peerId: message.peerId });
    expect((await removed).reason.code).toBe(ErrorCode.RemovedByHost);
    await expect.poll(() => node1.rooms.get(room)?.policy.removed('user-Troll')).toBe(true);
    const again = await connect(node2.url);
    const refused = await again.request('join', { roomId: room, displayName: 'x', token: token(room, 'audience', 'Troll') });
    expect(errorOf(refused)).toMatchObject({ code: ErrorCode.RemovedByHost });
    // Node 2 emptied and let go of the stage; with no overflow node left, someone unknown is NOT_FOUND.
    await expect.poll(() => node1.rooms.get(room)?.relays.size).toBe(0);
    expect(errorOf(await host.request('removeParticipant', { peerId: 'nobody-anywhere' }))).toMatchObject({ code: ErrorCode.NotFound });
    expect(node1.rooms.get(room)?.peerCount).toBe(2);
  });

  it('an overflow viewer consuming a paused producer gets it paused, and resumed once the stage resumes it', async () => {
    const room = 'stage-overflow-p';
    const { host, camera } = await stageOnNode1(room);
    const { viewer, joined } = await overflowViewer(room, 'Pia');
    const recv = await viewer.call<{ id: string }>('createTransport', { direction: 'recv' });
    const caps = joined.routerRtpCapabilities;
    await viewer.call('consume', { transportId: recv.id, producerId: camera, rtpCapabilities: caps });
    const paused = viewer.next('producerPaused');
    await host.call('pauseProducer', { producerId: camera });
    await paused;
    // A second viewer on node 2 consumes the copy: it follows the stage's pause.
    const { viewer: other, joined: otherJoined } = await overflowViewer(room, 'Quin');
    const otherRecv = await other.call<{ id: string }>('createTransport', { direction: 'recv' });
    const first = await other.call<{ producerPaused: boolean }>('consume', {
      transportId: otherRecv.id,
      producerId: camera,
      rtpCapabilities: otherJoined.routerRtpCapabilities,
    });
    expect(first.producerPaused).toBe(true);
    const resumed = other.next('producerResumed');
    await host.call('resumeProducer', { producerId: camera });
    await resumed;
    const third = await overflowViewer(room, 'Rue');
    const thirdRecv = await third.viewer.call<{ id: string }>('createTransport', { direction: 'recv' });
    const again = await third.viewer.call<{ producerPaused: boolean }>('consume', {
      transportId: thirdRecv.id,
      producerId: camera,
      rtpCapabilities: third.joined.routerRtpCapabilities,
    });
    expect(again.producerPaused).toBe(false);
  });

  it('pushes the stage sends while a link is still being made are held and delivered in order', async () => {
    const room = 'stage-overflow-l';
    const { host, sendId } = await stageOnNode1(room);
    const router = await node2.pool.createRouter({ mediaCodecs });
    const link = await StageLink.attach(
      {
        roomId: room,
        origin: { id: 'node-1', url: node1.url },
        nodeId: 'node-2',
        secret: env.meetingSecret,
        listen: { ip: '127.0.0.1' },
        now: Date.now,
      },
      router,
      silentLog,
    );
    // The moderator shares a screen before this link's owner listens.
    const screen = await host.call<{ producerId: string }>('produce', {
      transportId: sendId,
      kind: 'video',
      source: 'screen',
      rtpParameters: { ...vp8Parameters(5003), mid: '3' },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const heard: string[] = [];
    link.on('producerAdded', ({ producer }) => heard.push(producer.producerId));
    link.start();
    expect(heard).toEqual([screen.producerId]);
    // Asking for one producer twice sends it down the pipe once: the same answer.
    const [a, b] = await Promise.all([
      link.request('relayConsume', { producerId: screen.producerId }),
      link.request('relayConsume', { producerId: screen.producerId }),
    ]);
    expect(b).toEqual(a);
    link.close();
    router.close();
  });

  it('an overflow node cannot post in the name of a participant of the stage node, or for a removed user', async () => {
    const room = 'stage-overflow-i';
    const { host, hostJoined } = await stageOnNode1(room);
    const relay = await connect(node1.url + RELAY_NAMESPACE);
    // A well-formed pipe end (AES-256-GCM: 32 key + 12 salt bytes) on the discard port.
    const pipe = { ip: '127.0.0.1', port: 9, srtpParameters: { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: Buffer.alloc(44, 7).toString('base64') } };
    const valid = signRelayToken({ room, node: 'node-2', pipe }, env.meetingSecret, Date.now());
    await relay.call('relayJoin', { roomId: room, token: valid, pipe });
    expect(errorOf(await relay.request('relayChat', { peerId: hostJoined.peerId, displayName: 'Mo', text: 'I am the host' }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    const ann = node1.rooms
      .get(room)
      ?.peerInfos()
      .find((p) => p.displayName === 'Ann');
    await host.call('removeParticipant', { peerId: ann!.peerId });
    expect(
      errorOf(await relay.request('relayChat', { peerId: 'someone-on-node-2', displayName: 'Ann', userId: 'user-Ann', text: 'back again' })),
    ).toMatchObject({ code: ErrorCode.RemovedByHost });
    expect(node1.rooms.get(room)?.policy.chatHistory()).toEqual([]);
  });

  it("the relay contract is unreachable from a browser: unknown on the browsers' namespace, and no browser origin may open the relay namespace", async () => {
    const room = 'stage-overflow-ns';
    await stageOnNode1(room);
    const pipe = { ip: '127.0.0.1', port: 9, srtpParameters: { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: Buffer.alloc(44, 7).toString('base64') } };
    const valid = signRelayToken({ room, node: 'node-2', pipe }, env.meetingSecret, Date.now());
    // Even with a valid relay token, the browsers' namespace does not know relay requests.
    const browser = await connect(node1.url, { origin: node1.url });
    for (const [event, payload] of [
      ['relayJoin', { roomId: room, token: valid, pipe }],
      ['relayConsume', { producerId: 'p' }],
      ['relayChat', { peerId: 'p', displayName: 'Mallory', text: 'hi' }],
      ['relayAudience', { count: 1 }],
      ['relayRemoved', { userId: 'user-Mo' }],
    ] as const) {
      expect(errorOf(await browser.request(event, payload))).toMatchObject({ code: ErrorCode.UnknownEvent });
    }
    // A page (any Origin, its own included) cannot open the relay namespace at all.
    await expect(connect(node1.url + RELAY_NAMESPACE, { origin: node1.url })).rejects.toMatchObject({
      data: { code: ErrorCode.OriginNotAllowed },
    });
    // Nor does an old or missing protocol version get in.
    await expect(connect(node1.url + RELAY_NAMESPACE, { protocolVersion: 0 })).rejects.toMatchObject({
      data: { code: ErrorCode.UnsupportedProtocol },
    });
    expect(node1.rooms.get(room)?.relays.size).toBe(0);
    expect(node1.rooms.get(room)?.overflowAudience).toBe(0);
  });

  it('relay requests from anyone but a node of the cluster are refused and change nothing', async () => {
    const room = 'stage-overflow-e';
    const { camera } = await stageOnNode1(room);
    const stranger = await connect(node1.url + RELAY_NAMESPACE);
    const pipe = { ip: '127.0.0.1', port: 9, srtpParameters: { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: 'a'.repeat(60) } };
    // A meeting token, even a host's, is not a relay token.
    const meeting = token(room, 'host', 'Mallory');
    expect(errorOf(await stranger.request('relayJoin', { roomId: room, token: meeting, pipe }))).toMatchObject({ code: ErrorCode.Forbidden });
    const foreign = signRelayToken({ room, node: 'evil', pipe }, 'not-the-cluster-secret-0123456789abcdef', Date.now());
    expect(errorOf(await stranger.request('relayJoin', { roomId: room, token: foreign, pipe }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(errorOf(await stranger.request('relayConsume', { producerId: camera }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(errorOf(await stranger.request('relayChat', { peerId: 'p', displayName: 'Mallory', text: 'hi' }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(errorOf(await stranger.request('relayAudience', { count: 1_000 }))).toMatchObject({ code: ErrorCode.Forbidden });
    expect(node1.rooms.get(room)?.overflowAudience).toBe(0);
    expect(errorOf(await stranger.request('relayJoin', { roomId: room, token: meeting, pipe: { ip: 'x' } }))).toMatchObject({
      code: ErrorCode.BadRequest,
    });
    // A valid token copied and used for another pipe address: refused, no media goes there.
    const copied = signRelayToken({ room, node: 'node-2', pipe: { ip: '127.0.0.1', port: 40_000 } }, env.meetingSecret, Date.now());
    expect(errorOf(await stranger.request('relayJoin', { roomId: room, token: copied, pipe }))).toMatchObject({
      code: ErrorCode.Forbidden,
      details: { reason: 'wrong-pipe' },
    });
    expect(node1.rooms.get(room)?.relays.size).toBe(0);
    // A valid relay token for a room this node does not hold: NOT_FOUND, no room made.
    const valid = signRelayToken({ room: 'stage-nowhere', node: 'node-2', pipe }, env.meetingSecret, Date.now());
    expect(errorOf(await stranger.request('relayJoin', { roomId: 'stage-nowhere', token: valid, pipe }))).toMatchObject({
      code: ErrorCode.NotFound,
    });
    expect(node1.rooms.get('stage-nowhere')).toBeUndefined();
    expect(node1.rooms.get(room)?.peerCount).toBe(2);
  });

  // Last: these kill media workers.
  it("when the stage's media server is replaced, overflow viewers get its new producers through a new pipe", async () => {
    const room = 'stage-overflow-y';
    const { host, camera, mic } = await stageOnNode1(room);
    const { viewer, joined } = await overflowViewer(room, 'Ida');
    const closedIds: string[] = [];
    viewer.socket.on('producerClosed', ({ producerId }: { producerId: string }) => closedIds.push(producerId));
    let ended = false;
    viewer.socket.on('roomClosed', () => (ended = true));
    const reset = host.next('mediaReset', 15_000);
    process.kill(node1.pool.pids[0]!, 'SIGKILL');
    await reset;
    await expect.poll(() => closedIds.sort(), { timeout: 10_000 }).toEqual([camera, mic].sort());
    // The moderator sends again after the reset, as the browser does; the overflow viewer hears of it and watches.
    const added = viewer.next<{ producer: { producerId: string } }>('producerAdded', 10_000);
    const send = await host.call<{ id: string }>('createTransport', { direction: 'send' });
    const again = await host.call<{ producerId: string }>('produce', {
      transportId: send.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: vp8Parameters(6000),
    });
    expect((await added).producer.producerId).toBe(again.producerId);
    const recv = await viewer.call<{ id: string }>('createTransport', { direction: 'recv' });
    await expect(
      viewer.call('consume', { transportId: recv.id, producerId: again.producerId, rtpCapabilities: joined.routerRtpCapabilities }),
    ).resolves.toMatchObject({ producerId: again.producerId });
    expect(ended).toBe(false);
    expect(node1.rooms.get(room)?.relays.size).toBe(1);
  });

  it("when the overflow node's own media server is replaced, its viewers reset and consume the stage again", async () => {
    const room = 'stage-overflow-z';
    const { camera } = await stageOnNode1(room);
    const { viewer } = await overflowViewer(room, 'Jan');
    const reset = viewer.next<{ routerRtpCapabilities: Record<string, unknown> }>('mediaReset', 15_000);
    const announced: string[] = [];
    viewer.socket.on('producerAdded', ({ producer }: { producer: { producerId: string } }) => announced.push(producer.producerId));
    process.kill(node2.pool.pids[0]!, 'SIGKILL');
    const { routerRtpCapabilities } = await reset;
    await expect.poll(() => announced, { timeout: 5_000 }).toContain(camera);
    const recv = await viewer.call<{ id: string }>('createTransport', { direction: 'recv' });
    await expect(viewer.call('consume', { transportId: recv.id, producerId: camera, rtpCapabilities: routerRtpCapabilities })).resolves.toMatchObject(
      {
        producerId: camera,
      },
    );
    expect(node2.rooms.get(room)?.overflow).toBe(true);
  });
});
