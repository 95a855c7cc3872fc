import { FakeHandler, testFakeParameters } from 'mediasoup-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeetingClient } from './MeetingClient';
import { ErrorCode } from '@ca/signaling';
import { baseHandlers, carolCam, consumeAnswer, peer, resumed, startServer, until } from '../test-support/meetingServer';

describe('MeetingClient', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: MeetingClient | undefined;

  afterEach(async () => {
    await client?.leave();
    await server?.close();
    server = undefined;
    client = undefined;
  });

  function newClient(url: string): MeetingClient {
    return new MeetingClient({
      roomId: 'booth-1',
      displayName: '  Ana  ',
      signaling: { url },
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
      statsIntervalMs: 0,
    });
  }

  it('joins, replays pushes that arrived before the join ack, and consumes every producer', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    const snapshot = await until(client, (s) => s.participants.every((p) => p.isSelf || Object.values(p.media).every((m) => m.track)));

    expect(snapshot.endReason).toBeNull();
    expect(snapshot.status).toBe('joined');
    expect(snapshot.participants.map((p) => [p.displayName, p.isSelf])).toEqual([
      ['Ana', true],
      ['Bob', false],
      ['Carol', false],
    ]);
    expect(server.log.find((r) => r.name === 'join')?.payload).toEqual({ roomId: 'booth-1', displayName: 'Ana' });
    expect(server.log.filter((r) => r.name === 'createTransport').map((r) => r.payload.direction)).toEqual(['recv']);
    expect(server.log.filter((r) => r.name === 'connectTransport')).toHaveLength(1);
    const log = server.log;
    await vi.waitFor(() => expect(resumed(log).sort()).toEqual(['consumer-of-bob-mic', 'consumer-of-carol-cam']));
    expect(snapshot.notices).toEqual([]);
  });

  it('tracks pause, resume, closed producers and departures of the others', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    await until(client, (s) => !!s.participants[2]?.media.camera?.track);

    server.push('producerPaused', { producerId: 'carol-cam', peerId: 'carol' });
    let s = await until(client, (x) => x.participants[2]?.media.camera?.paused === true);
    server.push('producerResumed', { producerId: 'carol-cam', peerId: 'carol' });
    s = await until(client, (x) => x.participants[2]?.media.camera?.paused === false);

    server.push('consumerClosed', { consumerId: 'consumer-of-carol-cam' });
    s = await until(client, (x) => x.participants[2]?.media.camera === undefined);
    expect(s.participants[2]?.displayName).toBe('Carol');

    server.push('peerLeft', { peerId: 'bob' });
    s = await until(client, (x) => x.participants.length === 2);
    expect(s.participants.map((p) => p.displayName)).toEqual(['Ana', 'Carol']);
  });

  it('a pause push that overtakes the consume ack is not undone by the ack', async () => {
    server = await startServer({
      ...baseHandlers,
      consume: (payload, socket) => {
        if (payload.producerId === 'carol-cam') socket.emit('producerPaused', { producerId: 'carol-cam', peerId: 'carol' });
        return consumeAnswer(payload); // still says producerPaused: false
      },
    });
    client = newClient(server.url);
    await client.join();
    const s = await until(client, (x) => !!x.participants[2]?.media.camera?.track);
    expect(s.participants[2]?.media.camera?.paused).toBe(true);
  });

  it('a producer that disappears while being consumed leaves no notice behind', async () => {
    server = await startServer({
      ...baseHandlers,
      consume: (payload, socket) => {
        if (payload.producerId === 'bob-mic') {
          socket.emit('producerClosed', { producerId: 'bob-mic', peerId: 'bob' });
          throw { code: ErrorCode.ProducerNotFound, message: 'no such producer in this room' };
        }
        return consumeAnswer(payload);
      },
    });
    client = newClient(server.url);
    await client.join();
    const s = await until(client, (x) => !!x.participants[2]?.media.camera?.track);
    expect(s.participants[1]?.media.microphone).toBeUndefined();
    expect(s.notices).toEqual([]);
  });

  it('a failed consume of media that still exists becomes a readable notice', async () => {
    server = await startServer({
      ...baseHandlers,
      consume: (payload) => {
        if (payload.producerId === 'bob-mic') throw { code: ErrorCode.CannotConsume, message: 'cannot decode' };
        return consumeAnswer(payload);
      },
    });
    client = newClient(server.url);
    await client.join();
    const s = await until(client, (x) => x.notices.length > 0);
    expect(s.notices[0]).toMatchObject({ action: 'receive', subject: 'Bob', problem: { code: ErrorCode.CannotConsume } });
  });

  it("roomClosed ends the meeting with the server's reason", async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    const reason = { code: ErrorCode.Unavailable, message: 'the media server restarted; please rejoin' };
    server.push('roomClosed', { reason });
    const s = await until(client, (x) => x.status === 'ended');
    expect(s.endReason).toMatchObject(reason);
    expect(s.participants).toEqual([]);
  });

  it('the active speaker shows speaking only while their microphone is on', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    await until(client, (s) => !!s.participants[1]?.media.microphone?.track);
    const bob = (x: ReturnType<MeetingClient['getSnapshot']>) => x.participants.find((p) => p.displayName === 'Bob');

    server.push('activeSpeaker', { peerId: 'bob' });
    await until(client, (x) => bob(x)?.speaking === true);
    // Muted: the SFU still names him until someone else out-talks him, but his tile does not say so.
    server.push('producerPaused', { producerId: 'bob-mic', peerId: 'bob' });
    let s = await until(client, (x) => bob(x)?.media.microphone?.paused === true);
    expect(s.room.activeSpeakerPeerId).toBe('bob');
    expect(bob(s)?.speaking).toBe(false);
    server.push('producerResumed', { producerId: 'bob-mic', peerId: 'bob' });
    await until(client, (x) => bob(x)?.speaking === true);
    // Carol sends no microphone at all: never shown speaking.
    server.push('activeSpeaker', { peerId: 'carol' });
    s = await until(client, (x) => x.room.activeSpeakerPeerId === 'carol');
    expect(s.participants.map((p) => p.speaking)).toEqual([false, false, false]);
  });

  it('a refused join fails with the refusal as the reason', async () => {
    server = await startServer({
      join: () => {
        throw { code: ErrorCode.RoomFull, message: 'this room is full (50 participants)' };
      },
    });
    client = newClient(server.url);
    await client.join();
    expect(client.getSnapshot()).toMatchObject({ status: 'failed', endReason: { code: ErrorCode.RoomFull } });
  });

  it("a breakout move replaces the people, chat and speaker with the new room's, without a new transport", async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    await until(client, (s) => !!s.participants[2]?.media.camera?.track);
    const transports = server.count('createTransport');
    const message = { id: 'm1', peerId: 'carol', displayName: 'Carol', text: 'hi room 2', sentAt: '2027-03-01T10:00:00.000Z' };
    server.push('breakoutsChanged', {
      breakouts: { rooms: [{ number: 2, members: [{ peerId: 'carol', displayName: 'Carol' }] }], endsAt: null },
    });
    server.push('breakoutMoved', { room: 2, peers: [peer('carol', 'Carol', [carolCam])], chat: [message], activeSpeakerPeerId: 'carol' });
    const s = await until(client, (x) => x.room.breakout === 2 && x.participants.length === 2);
    expect(s.participants.map((p) => p.displayName)).toEqual(['Ana', 'Carol']);
    expect(s.participants[1]?.media.camera?.track).toBeTruthy();
    expect(s.room.chat).toEqual([message]);
    expect(s.room.activeSpeakerPeerId).toBe('carol');
    expect(s.room.breakouts?.rooms[0]?.number).toBe(2);
    expect(s.notices.at(-1)).toMatchObject({ kind: 'info', info: 'breakoutJoined' });
    expect(server.count('createTransport')).toBe(transports);

    server.push('breakoutBroadcast', { message: { text: 'Two minutes', displayName: 'Host', sentAt: '2027-03-01T10:01:00.000Z' } });
    await until(client, (x) => x.room.broadcast?.text === 'Two minutes');
    server.push('breakoutsChanged', { breakouts: null });
    const back = await until(client, (x) => x.room.breakouts === null);
    expect(back.room.broadcast).toBeNull();
  });

  it('leave() sends leave and ends in the left state', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    await client.leave();
    expect(client.getSnapshot().status).toBe('left');
    expect(server.log.at(-1)?.name).toBe('leave');
  });
});
