import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import type { Rooms } from './Rooms.js';
import type { WorkerPool } from './WorkerPool.js';
import { createTestRooms, identity, recordMediasoupObjects } from '../test-support/media.js';
import { opusParameters, vp8Parameters } from '../test-support/rtp.js';

describe('a stage room', () => {
  let pool: WorkerPool;
  let rooms: Rooms;
  let recording: ReturnType<typeof recordMediasoupObjects>;

  beforeEach(async () => {
    recording = recordMediasoupObjects();
    ({ pool, rooms } = await createTestRooms({ workers: 2, maxPeersPerRoom: 20 }));
  });
  afterEach(() => {
    recording.stop();
    pool.close();
  });

  async function stageWithSpeaker() {
    const room = await rooms.getOrCreate('stage-keynote');
    const caps = room.rtpCapabilities as RtpCapabilitiesWire;
    const speaker = room.addPeer(identity('Moderator', { role: 'host' }));
    const send = await speaker.createTransport('send');
    const cameraId = await speaker.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(4000) });
    await speaker.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(4001) });
    return { room, caps, speaker, cameraId };
  }

  it('spreads over a router per worker: senders on the home router, viewers on another', async () => {
    const { room, speaker } = await stageWithSpeaker();
    expect(room.routerCount).toBe(2);
    const viewer = room.addPeer(identity('Viewer', { role: 'audience' }));
    expect(viewer.router).not.toBe(speaker.router);
    expect(recording.record.routers.filter((r) => !r.closed)).toHaveLength(2);
  });

  it("pipes the speaker's video to the viewers' router (pipeToRouter) once, however many viewers consume it", async () => {
    const { room, caps, cameraId } = await stageWithSpeaker();
    const viewers = [1, 2, 3].map((n) => room.addPeer(identity(`Viewer ${n}`, { role: 'audience' })));
    for (const viewer of viewers) {
      const recv = await viewer.createTransport('recv');
      await expect(viewer.consume({ transportId: recv.id, producerId: cameraId, rtpCapabilities: caps })).resolves.toMatchObject({
        kind: 'video',
        producerId: cameraId,
      });
    }
    // One pipe transport pair carries it: one on the home router, one on the viewers' router.
    const pipes = recording.record.transports.filter((t) => t.type === 'pipe');
    expect(pipes).toHaveLength(2);
  });

  it('refuses the audience a send transport and producing with FORBIDDEN', async () => {
    const { room } = await stageWithSpeaker();
    const viewer = room.addPeer(identity('Viewer', { role: 'audience' }));
    await expect(viewer.createTransport('send')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('brings a viewer on stage (they may send, hand lowered) and back (their media stops)', async () => {
    const { room, caps } = await stageWithSpeaker();
    const viewer = room.addPeer(identity('Viewer', { role: 'audience' }));
    room.setHandRaised(viewer, true);
    room.setOnStage(viewer.id, true);
    expect(viewer.info()).toMatchObject({ role: 'speaker', handRaised: false });
    const send = await viewer.createTransport('send');
    const producerId = await viewer.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(5000) });
    // Another viewer on another router can consume the new speaker's video too.
    const other = room.addPeer(identity('Other', { role: 'audience' }));
    const recv = await other.createTransport('recv');
    await expect(other.consume({ transportId: recv.id, producerId, rtpCapabilities: caps })).resolves.toMatchObject({ kind: 'video' });
    const closed = new Promise((resolve) => room.once('producerClosed', resolve));
    room.setOnStage(viewer.id, false);
    expect(await closed).toEqual({ producerId, peerId: viewer.id });
    expect(viewer.counts.producers).toBe(0);
    await expect(viewer.createTransport('send')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('on a single worker keeps one router: mediasoup cannot pipe between routers of one worker, and it would gain nothing', async () => {
    pool.close();
    ({ pool, rooms } = await createTestRooms({ workers: 1, maxPeersPerRoom: 20 }));
    const { room, caps, speaker, cameraId } = await stageWithSpeaker();
    expect(room.routerCount).toBe(1);
    const viewer = room.addPeer(identity('Viewer', { role: 'audience' }));
    expect(viewer.router).toBe(speaker.router);
    const recv = await viewer.createTransport('recv');
    await expect(viewer.consume({ transportId: recv.id, producerId: cameraId, rtpCapabilities: caps })).resolves.toMatchObject({ kind: 'video' });
  });
});
