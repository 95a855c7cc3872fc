import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import type { Rooms } from './Rooms.js';
import type { WorkerPool } from './WorkerPool.js';
import { createTestRooms, identity, recordMediasoupObjects } from '../test-support/media.js';
import { opusParameters, vp8Parameters } from '../test-support/rtp.js';

describe('Room', () => {
  let pool: WorkerPool;
  let rooms: Rooms;
  let recording: ReturnType<typeof recordMediasoupObjects>;

  beforeEach(async () => {
    recording = recordMediasoupObjects();
    ({ pool, rooms } = await createTestRooms({ maxPeersPerRoom: 3 }));
  });
  afterEach(() => {
    recording.stop();
    pool.close();
  });

  /** Two participants each sending audio+video and receiving the other's. */
  async function busyRoom(roomId: string) {
    const room = await rooms.getOrCreate(roomId);
    const caps = room.rtpCapabilities as RtpCapabilitiesWire;
    const peers = [room.addPeer(identity('Alice')), room.addPeer(identity('Bob'))];
    const producerIds: string[][] = [];
    for (const [i, peer] of peers.entries()) {
      const send = await peer.createTransport('send');
      producerIds.push([
        await peer.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(1000 + i) }),
        await peer.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(2000 + i) }),
      ]);
    }
    for (const [i, peer] of peers.entries()) {
      const recv = await peer.createTransport('recv');
      for (const producerId of producerIds[1 - i]!) {
        await peer.consume({ transportId: recv.id, producerId, rtpCapabilities: caps });
      }
    }
    return { room, peers };
  }

  it('room.addPeer() lists existing participants with what they produce', async () => {
    const { room, peers } = await busyRoom('list');
    const infos = room.peerInfos();
    expect(infos.map((p) => p.displayName)).toEqual(['Alice', 'Bob']);
    expect(infos[0]!.producers.map((p) => p.source).sort()).toEqual(['camera', 'microphone']);
    expect(peers[0]!.counts).toEqual({ transports: 2, producers: 2, consumers: 2 });
  });

  it('room.addPeer() refuses a participant past the room limit with ROOM_FULL', async () => {
    const room = await rooms.getOrCreate('full');
    for (const name of ['A', 'B', 'C']) room.addPeer(identity(name));
    expect(() => room.addPeer(identity('D'))).toThrow(expect.objectContaining({ code: ErrorCode.RoomFull }));
    expect(room.peerCount).toBe(3);
  });

  it('room.close() closes every transport, producer and consumer, then the router', async () => {
    const { room, peers } = await busyRoom('cascade');
    const { record } = recording;
    expect(record.transports).toHaveLength(4);
    expect(record.producers).toHaveLength(4);
    expect(record.consumers).toHaveLength(4);
    const reasons: string[] = [];
    room.on('close', (reason) => reasons.push(reason.code));
    room.close({ code: ErrorCode.Unavailable, message: 'test' });
    expect(reasons).toEqual([ErrorCode.Unavailable]);
    expect(record.routers.every((r) => r.closed)).toBe(true);
    expect(record.transports.every((t) => t.closed)).toBe(true);
    expect(record.producers.every((p) => p.closed)).toBe(true);
    expect(record.consumers.every((c) => c.closed)).toBe(true);
    expect(peers.every((p) => p.closed)).toBe(true);
    expect(rooms.get('cascade')).toBeUndefined();
    expect(() => room.addPeer(identity('late'))).toThrow(expect.objectContaining({ code: ErrorCode.Unavailable }));
  });

  it("a participant's disconnect closes everything it owned and the others' consumers of it", async () => {
    const { room, peers } = await busyRoom('disconnect');
    const [alice, bob] = peers as [(typeof peers)[0], (typeof peers)[0]];
    const left: string[] = [];
    room.on('peerLeft', (id) => left.push(id));
    const bobTold: string[] = [];
    bob.on('consumerClosed', (id) => bobTold.push(id));
    alice.close();
    expect(left).toEqual([alice.id]);
    // The worker reports the producers' end to their consumers asynchronously.
    await vi.waitFor(() => expect(bobTold).toHaveLength(2));
    expect(bob.counts).toEqual({ transports: 2, producers: 2, consumers: 0 });
    const aliceTransports = recording.record.transports.filter((t) => t.appData['peerId'] === alice.id);
    expect(aliceTransports.every((t) => t.closed)).toBe(true);
    expect(room.closed).toBe(false);
  });

  it('the room closes itself when the last participant leaves', async () => {
    const { room, peers } = await busyRoom('empty');
    for (const peer of peers) peer.close();
    expect(room.closed).toBe(true);
    expect(rooms.get('empty')).toBeUndefined();
    expect(recording.record.routers.every((r) => r.closed)).toBe(true);
  });

  it('a room whose worker dies is rebuilt on the replacement worker and tells everyone to re-create their media', async () => {
    const { room, peers } = await busyRoom('worker-dies');
    const reset = new Promise<unknown>((resolve) => room.once('mediaReset', resolve));
    const started = Date.now();
    process.kill(pool.pids[0]!, 'SIGKILL');
    expect(await reset).toMatchObject({ codecs: expect.any(Array) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(room.closed).toBe(false);
    expect(room.peerInfos().map((p) => p.displayName)).toEqual(['Alice', 'Bob']);
    expect(peers[0]!.counts).toEqual({ transports: 0, producers: 0, consumers: 0 });
    const send = await peers[0]!.createTransport('send');
    await peers[0]!.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(3000) });
    const recv = await peers[1]!.createTransport('recv');
    const [producer] = peers[0]!.producerInfos();
    await expect(
      peers[1]!.consume({ transportId: recv.id, producerId: producer!.producerId, rtpCapabilities: room.rtpCapabilities as RtpCapabilitiesWire }),
    ).resolves.toMatchObject({ kind: 'video' });
  });

  it('while a room is rebuilt after its worker died, media requests get UNAVAILABLE (retry), not an internal error', async () => {
    const { room, peers } = await busyRoom('rebuilding');
    const reset = new Promise((resolve) => room.once('mediaReset', resolve));
    const oldRouter = peers[0]!.router;
    process.kill(pool.pids[0]!, 'SIGKILL');
    await vi.waitFor(() => expect(oldRouter.closed).toBe(true), { interval: 2 });
    await expect(peers[0]!.createTransport('send')).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    await reset;
    await expect(peers[0]!.createTransport('send')).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('a room whose worker dies with no replacement coming closes with UNAVAILABLE', async () => {
    pool.close();
    ({ pool, rooms } = await createTestRooms({ respawn: false }));
    const { room } = await busyRoom('no-worker');
    const closed = new Promise<string>((resolve) => room.once('close', (reason) => resolve(reason.code)));
    process.kill(pool.pids[0]!, 'SIGKILL');
    expect(await closed).toBe(ErrorCode.Unavailable);
    expect(rooms.get('no-worker')).toBeUndefined();
  });

  it('concurrent first joins of one room id share a single room and router', async () => {
    const [a, b, c] = await Promise.all([rooms.getOrCreate('race'), rooms.getOrCreate('race'), rooms.getOrCreate('race')]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(recording.record.routers).toHaveLength(1);
  });
});
