import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, PROTOCOL_VERSION } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { clientPool, refusedHandshake, startTestPlatform } from '../test-support/platform.js';
import { vp8Parameters } from '../test-support/rtp.js';

describe('signaling gateway', () => {
  let platform: Platform;
  const { connect } = clientPool(() => platform.url);

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  describe('handshake', () => {
    it('refuses a client that speaks another protocol version with UNSUPPORTED_PROTOCOL', async () => {
      const error = await refusedHandshake(platform.url, { protocolVersion: PROTOCOL_VERSION + 1 });
      expect(error).toMatchObject({ code: ErrorCode.UnsupportedProtocol, details: { supported: [PROTOCOL_VERSION] } });
      expect(await refusedHandshake(platform.url, { protocolVersion: 'one' })).toMatchObject({
        code: ErrorCode.UnsupportedProtocol,
      });
    });

    it('refuses a browser page from a foreign origin with ORIGIN_NOT_ALLOWED', async () => {
      const error = await refusedHandshake(platform.url, { origin: 'https://evil.example' });
      expect(error).toMatchObject({ code: ErrorCode.OriginNotAllowed });
    });

    it('accepts a page served by the platform itself', async () => {
      expect(await refusedHandshake(platform.url, { origin: platform.url })).toBeUndefined();
    });
  });

  describe('bad input', () => {
    it('answers requests made before join with NOT_JOINED', async () => {
      const client = await connect();
      for (const [event, payload] of [
        ['consume', { transportId: 't', producerId: 'p', rtpCapabilities: { codecs: [] } }],
        ['createTransport', { direction: 'send' }],
        ['resumeConsumer', { consumerId: 'c' }],
        ['leave', {}],
      ] as const) {
        expect(await client.request(event, payload), event).toMatchObject({ ok: false, error: { code: ErrorCode.NotJoined } });
      }
    });

    it('answers garbage payloads with BAD_REQUEST and says which field is wrong', async () => {
      const client = await connect();
      for (const payload of [undefined, null, 42, 'join', [1, 2], { roomId: '../../etc' }, { roomId: 'ok', displayName: '' }]) {
        const ack = await client.request('join', payload);
        expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
      }
      const unknownField = await client.request('join', { roomId: 'r', displayName: 'Eve', admin: true });
      expect(unknownField).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
      expect(JSON.stringify(unknownField)).toContain('admin');
    });

    it('answers an oversized payload with PAYLOAD_TOO_LARGE and keeps the connection', async () => {
      const client = await connect();
      const ack = await client.request('join', { roomId: 'big', displayName: 'x'.repeat(200_000) });
      expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.PayloadTooLarge } });
      expect(client.socket.connected).toBe(true);
    });

    it('answers an unknown event with UNKNOWN_EVENT', async () => {
      const client = await connect();
      expect(await client.request('becomeAdmin', {})).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownEvent } });
    });

    it('answers unknown transport, producer and consumer ids with their NOT_FOUND codes', async () => {
      const client = await connect();
      await client.request('join', { roomId: 'ids', displayName: 'Mallory' });
      expect(
        await client.request('connectTransport', { transportId: 'nope', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] } }),
      ).toMatchObject({ ok: false, error: { code: ErrorCode.TransportNotFound } });
      expect(await client.request('closeProducer', { producerId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: ErrorCode.ProducerNotFound },
      });
      expect(await client.request('pauseConsumer', { consumerId: 'nope' })).toMatchObject({
        ok: false,
        error: { code: ErrorCode.ConsumerNotFound },
      });
    });

    it('answers RTP parameters the media server rejects with MEDIA_REJECTED', async () => {
      const client = await connect();
      await client.request('join', { roomId: 'rtp', displayName: 'Mallory' });
      const transport = await client.call<{ id: string }>('createTransport', { direction: 'send' });
      const bad = { ...vp8Parameters(), codecs: [{ mimeType: 'video/NOPE', payloadType: 96, clockRate: 90000 }] };
      const ack = await client.request('produce', {
        transportId: transport.id,
        kind: 'video',
        source: 'camera',
        rtpParameters: bad,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.MediaRejected } });
    });

    it('refuses a second join on one connection with ALREADY_JOINED, also when both race', async () => {
      const client = await connect();
      const [a, b] = await Promise.all([
        client.request('join', { roomId: 'twice', displayName: 'Eve' }),
        client.request('join', { roomId: 'twice-b', displayName: 'Eve' }),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      const refused = a.ok ? b : a;
      expect(refused).toMatchObject({ error: { code: ErrorCode.AlreadyJoined } });
    });

    it('keeps serving the other participants of a room while one client sends garbage', async () => {
      const alice = await connect();
      await alice.request('join', { roomId: 'steady', displayName: 'Alice' });
      const mallory = await connect();
      await mallory.request('join', { roomId: 'steady', displayName: 'Mallory' });
      const noise = [
        mallory.request('produce', { transportId: 'x' }),
        mallory.request('consume', 'garbage'),
        mallory.request('join', { roomId: 'steady', displayName: 'again' }),
        mallory.request('resumeConsumer', { consumerId: 42 }),
      ];
      mallory.socket.emit('produce', { no: 'ack' });
      await Promise.all(noise);
      const joined = alice.next<{ peer: { displayName: string } }>('peerJoined');
      const bob = await connect();
      const bobJoin = await bob.call<{ peers: { displayName: string }[] }>('join', { roomId: 'steady', displayName: 'Bob' });
      expect((await joined).peer.displayName).toBe('Bob');
      const names = bobJoin.peers.map((p) => p.displayName);
      expect(names.sort()).toEqual(['Alice', 'Mallory']);
      const health = await fetch(`${platform.url}/api/health`);
      expect(health.status).toBe(200);
    });
  });

  describe('room life', () => {
    it('tells the others when a participant joins, produces, and disconnects', async () => {
      const alice = await connect();
      await alice.request('join', { roomId: 'life', displayName: 'Alice' });
      const bob = await connect();
      const joined = alice.next<{ peer: { peerId: string } }>('peerJoined');
      const bobJoin = await bob.call<{ peerId: string }>('join', { roomId: 'life', displayName: 'Bob' });
      expect((await joined).peer.peerId).toBe(bobJoin.peerId);

      const transport = await bob.call<{ id: string }>('createTransport', { direction: 'send' });
      const added = alice.next<{ producer: { source: string; peerId: string } }>('producerAdded');
      const produced = await bob.request('produce', {
        transportId: transport.id,
        kind: 'video',
        source: 'camera',
        rtpParameters: vp8Parameters(),
      });
      expect(produced).toMatchObject({ ok: true });
      expect((await added).producer).toMatchObject({ source: 'camera', peerId: bobJoin.peerId });

      const left = alice.next<{ peerId: string }>('peerLeft');
      bob.close();
      expect((await left).peerId).toBe(bobJoin.peerId);
      expect(platform.rooms.get('life')?.peerCount).toBe(1);
    });

    it('lets a client leave and join another room on the same connection', async () => {
      const client = await connect();
      await client.request('join', { roomId: 'first', displayName: 'Carol' });
      expect(await client.request('leave', {})).toMatchObject({ ok: true });
      expect(platform.rooms.get('first')).toBeUndefined();
      expect(await client.request('join', { roomId: 'second', displayName: 'Carol' })).toMatchObject({ ok: true });
    });
  });
});
