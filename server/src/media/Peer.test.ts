import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import type { Rooms } from './Rooms.js';
import type { Room } from './Room.js';
import type { WorkerPool } from './WorkerPool.js';
import { createTestRooms, identity, recordMediasoupObjects } from '../test-support/media.js';
import { opusParameters, vp8Parameters } from '../test-support/rtp.js';

describe('Peer', () => {
  let pool: WorkerPool;
  let rooms: Rooms;
  let room: Room;
  let caps: RtpCapabilitiesWire;

  let recording: ReturnType<typeof recordMediasoupObjects>;

  beforeEach(async () => {
    recording = recordMediasoupObjects();
    ({ pool, rooms } = await createTestRooms());
    room = await rooms.getOrCreate('peer-test');
    caps = room.rtpCapabilities as RtpCapabilitiesWire;
  });
  afterEach(() => {
    recording.stop();
    pool.close();
  });

  async function sender(name = 'Alice') {
    const peer = room.addPeer(identity(name));
    const send = await peer.createTransport('send');
    return { peer, send };
  }

  it('peer.createTransport() returns ICE and DTLS parameters for a transport on 127.0.0.1', async () => {
    const { send } = await sender();
    expect(send.iceCandidates[0]).toMatchObject({ address: '127.0.0.1' });
    expect(send.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
  });

  it('peer.produce() announces the producer with its source', async () => {
    const { peer, send } = await sender();
    const added: unknown[] = [];
    room.on('producerAdded', (info) => added.push(info));
    const producerId = await peer.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters() });
    expect(added).toEqual([{ producerId, peerId: peer.id, kind: 'video', source: 'camera', paused: false }]);
  });

  it('peer.produce() refuses a recv transport, a mismatched kind and a second producer of one source', async () => {
    const { peer, send } = await sender();
    const recv = await peer.createTransport('recv');
    await expect(peer.produce({ transportId: recv.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() })).rejects.toMatchObject({
      code: ErrorCode.BadRequest,
    });
    await expect(peer.produce({ transportId: send.id, kind: 'audio', source: 'camera', rtpParameters: opusParameters() })).rejects.toMatchObject({
      code: ErrorCode.BadRequest,
    });
    await peer.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    await expect(peer.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(3) })).rejects.toMatchObject(
      { code: ErrorCode.Conflict },
    );
    expect(peer.counts.producers).toBe(1);
  });

  it('peer.produce() answers a MID or SSRC already used on the transport with MEDIA_REJECTED, not an internal error', async () => {
    const { peer, send } = await sender();
    await peer.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(1) });
    await expect(peer.produce({ transportId: send.id, kind: 'video', source: 'screen', rtpParameters: vp8Parameters(2) })).rejects.toMatchObject({
      code: ErrorCode.MediaRejected,
    });
    await expect(
      peer.produce({ transportId: send.id, kind: 'video', source: 'screen', rtpParameters: { ...vp8Parameters(1), mid: '7' } }),
    ).rejects.toMatchObject({ code: ErrorCode.MediaRejected });
    expect(peer.counts.producers).toBe(1);
  });

  it("peer.consume() creates a paused consumer of another participant's producer", async () => {
    const alice = await sender('Alice');
    const producerId = await alice.peer.produce({
      transportId: alice.send.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: vp8Parameters(),
    });
    const bob = room.addPeer(identity('Bob'));
    const recv = await bob.createTransport('recv');
    const consumer = await bob.consume({ transportId: recv.id, producerId, rtpCapabilities: caps });
    expect(consumer).toMatchObject({ producerId, peerId: alice.peer.id, kind: 'video', source: 'camera', paused: true });
    await bob.resumeConsumer(consumer.consumerId);
    expect(bob.counts.consumers).toBe(1);
  });

  it('peer.consume() refuses its own producer, unknown producers and capabilities that cannot decode', async () => {
    const alice = await sender('Alice');
    const producerId = await alice.peer.produce({
      transportId: alice.send.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: vp8Parameters(),
    });
    const aliceRecv = await alice.peer.createTransport('recv');
    await expect(alice.peer.consume({ transportId: aliceRecv.id, producerId, rtpCapabilities: caps })).rejects.toMatchObject({
      code: ErrorCode.BadRequest,
    });
    const bob = room.addPeer(identity('Bob'));
    const recv = await bob.createTransport('recv');
    await expect(bob.consume({ transportId: recv.id, producerId: 'no-such-producer', rtpCapabilities: caps })).rejects.toMatchObject({
      code: ErrorCode.ProducerNotFound,
    });
    const audioOnly = { ...caps, codecs: caps.codecs?.filter((c) => c.kind === 'audio') };
    await expect(bob.consume({ transportId: recv.id, producerId, rtpCapabilities: audioOnly })).rejects.toMatchObject({
      code: ErrorCode.CannotConsume,
    });
  });

  it('requests naming ids the peer does not own fail with typed codes and change nothing', async () => {
    const { peer } = await sender();
    await expect(peer.connectTransport('nope', { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] })).rejects.toMatchObject({
      code: ErrorCode.TransportNotFound,
    });
    await expect(peer.pauseProducer('nope')).rejects.toMatchObject({ code: ErrorCode.ProducerNotFound });
    await expect(peer.resumeConsumer('nope')).rejects.toMatchObject({ code: ErrorCode.ConsumerNotFound });
    expect(() => peer.closeProducer('nope')).toThrow(expect.objectContaining({ code: ErrorCode.ProducerNotFound }));
    expect(peer.counts).toEqual({ transports: 1, producers: 0, consumers: 0 });
  });

  it('when a producer closes, each consumer of it closes and its owner is told', async () => {
    const alice = await sender('Alice');
    const producerId = await alice.peer.produce({
      transportId: alice.send.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusParameters(),
    });
    const bob = room.addPeer(identity('Bob'));
    const recv = await bob.createTransport('recv');
    const { consumerId } = await bob.consume({ transportId: recv.id, producerId, rtpCapabilities: caps });
    const told = new Promise<string>((resolve) => bob.once('consumerClosed', resolve));
    alice.peer.closeProducer(producerId);
    expect(await told).toBe(consumerId);
    expect(bob.counts.consumers).toBe(0);
  });

  it('pauseProducer() and resumeProducer() are announced once each, and repeating them is harmless', async () => {
    const { peer, send } = await sender();
    const producerId = await peer.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters() });
    const events: string[] = [];
    room.on('producerPaused', () => events.push('paused'));
    room.on('producerResumed', () => events.push('resumed'));
    await peer.pauseProducer(producerId);
    await peer.pauseProducer(producerId);
    await peer.resumeProducer(producerId);
    expect(events).toEqual(['paused', 'resumed']);
  });

  it('restartIce() gives the transport new ICE credentials; an unknown transport is TRANSPORT_NOT_FOUND', async () => {
    const { peer, send } = await sender();
    const fresh = await peer.restartIce(send.id);
    expect(fresh).toMatchObject({ usernameFragment: expect.any(String), password: expect.any(String) });
    expect(fresh.usernameFragment).not.toBe(send.iceParameters.usernameFragment);
    await expect(peer.restartIce('nope')).rejects.toMatchObject({ code: ErrorCode.TransportNotFound });
  });

  it('setPreferredLayers() caps a simulcast consumer at the layer its tile needs', async () => {
    const alice = await sender('Alice');
    const simulcast = {
      ...vp8Parameters(),
      encodings: [
        { ssrc: 1001, scalabilityMode: 'L1T3' },
        { ssrc: 1002, scalabilityMode: 'L1T3' },
        { ssrc: 1003, scalabilityMode: 'L1T3' },
      ],
    };
    const producerId = await alice.peer.produce({ transportId: alice.send.id, kind: 'video', source: 'camera', rtpParameters: simulcast });
    const bob = room.addPeer(identity('Bob'));
    const recv = await bob.createTransport('recv');
    const { consumerId } = await bob.consume({ transportId: recv.id, producerId, rtpCapabilities: caps });
    await bob.setPreferredLayers(consumerId, { spatialLayer: 0, temporalLayer: 1 });
    const consumer = recording.record.consumers.find((c) => c.id === consumerId);
    expect(consumer?.type).toBe('simulcast');
    expect(consumer?.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
    await expect(bob.setPreferredLayers('nope', { spatialLayer: 0 })).rejects.toMatchObject({ code: ErrorCode.ConsumerNotFound });
  });

  it('the audience may not send: a send transport is FORBIDDEN, receiving is fine', async () => {
    const viewer = room.addPeer(identity('Viewer', { role: 'audience' }));
    await expect(viewer.createTransport('send')).rejects.toMatchObject({ code: ErrorCode.Forbidden });
    await expect(viewer.createTransport('recv')).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('caps transports at two per direction even when eight are asked for in parallel', async () => {
    const peer = room.addPeer(identity('Alice'));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => peer.createTransport('recv')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: ErrorCode.Conflict });
    expect(peer.counts.transports).toBe(2);
  });

  it('answers a second connect of one transport with CONFLICT, not an internal error', async () => {
    const { peer, send } = await sender();
    const dtls = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value: 'AB:'.repeat(31) + 'AB' }] };
    await peer.connectTransport(send.id, dtls);
    await expect(peer.connectTransport(send.id, dtls)).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });
});
