import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type BreakoutState, type PeerInfo, type PushPayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { startTestPlatform, type TestClient } from '../test-support/platform.js';
import { harness } from '../test-support/meetingHarness.js';
import { opusParameters } from '../test-support/rtp.js';

const errorCode = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error?.code);

/** Every push a client got, in order. */
function pushes(client: TestClient): Array<[string, unknown]> {
  const seen: Array<[string, unknown]> = [];
  client.socket.onAny((event: string, payload: unknown) => seen.push([event, payload]));
  return seen;
}

/** Waits until the client got a push of that name matching `match` (already or later). */
async function until<T>(seen: Array<[string, unknown]>, event: string, match: (payload: T) => boolean = () => true): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const hit = seen.find(([e, p]) => e === event && match(p as T));
    if (hit) return hit[1] as T;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${event} push`);
}

describe('breakout rooms over signaling', () => {
  let platform: Platform;
  const h = harness(() => platform);
  let seq = 0;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterEach(() => h.closeAll());
  afterAll(() => platform.close());

  it('splits a stage evenly, keeps media and chat inside each room, broadcasts to all, lets the host visit, and calls everyone back', async () => {
    const room = `stage-br${++seq}`;
    const host = await h.join(room, 'host', 'Moderator');
    const hostSeen = pushes(host.client);
    const audience = [];
    for (const name of ['Ana', 'Bo', 'Chen', 'Dara']) {
      const member = await h.join(room, 'audience', name);
      audience.push({ ...member, name, seen: pushes(member.client) });
    }
    expect(await host.client.request('openBreakouts', { rooms: 2, split: 'auto', minutes: 10 })).toMatchObject({ ok: true });

    const state = (
      await until<{ breakouts: BreakoutState | null }>(hostSeen, 'breakoutsChanged', (p) => {
        const sizes = p.breakouts?.rooms.map((r) => r.members.length) ?? [];
        return sizes.reduce((a, b) => a + b, 0) === 4;
      })
    ).breakouts!;
    expect(state.rooms.map((r) => r.members.length)).toEqual([2, 2]);
    expect(Date.parse(state.endsAt!) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(state.rooms.flatMap((r) => r.members).some((m) => m.displayName === 'Moderator')).toBe(false);

    const roomOf = (peerId: string) => state.rooms.find((r) => r.members.some((m) => m.peerId === peerId))!.number;
    for (const member of audience) {
      const moved = await until<PushPayload<'breakoutMoved'>>(member.seen, 'breakoutMoved');
      expect(moved.room).toBe(roomOf(member.joined.peerId));
      // They see their room's other member only (not the host, not the other room).
      expect(moved.peers.map((p) => roomOf(p.peerId))).toEqual([moved.room]);
      // On a stage the audience speaks while in a breakout room.
      expect(await until(member.seen, 'roleChanged')).toEqual({ role: 'speaker' });
    }

    // Media: the speaker's partner is told and may consume; the other room and the host are not and may not.
    const [speaker, ...rest] = audience;
    const partner = rest.find((m) => roomOf(m.joined.peerId) === roomOf(speaker!.joined.peerId))!;
    const stranger = rest.find((m) => roomOf(m.joined.peerId) !== roomOf(speaker!.joined.peerId))!;
    const send = await speaker!.client.call<{ id: string }>('createTransport', { direction: 'send' });
    const { producerId } = await speaker!.client.call<{ producerId: string }>('produce', {
      transportId: send.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusParameters(41),
    });
    await until(partner.seen, 'producerAdded', (p: { producer: { producerId: string } }) => p.producer.producerId === producerId);
    const consume = async (member: { client: TestClient; joined: { routerRtpCapabilities: unknown } }) => {
      const recv = await member.client.call<{ id: string }>('createTransport', { direction: 'recv' });
      return member.client.request('consume', { transportId: recv.id, producerId, rtpCapabilities: member.joined.routerRtpCapabilities });
    };
    expect(errorCode(await consume(partner))).toBe('ok');
    expect(errorCode(await consume(stranger))).toBe(ErrorCode.ProducerNotFound);
    expect(errorCode(await consume(host))).toBe(ErrorCode.ProducerNotFound);

    // Chat stays in the room.
    await speaker!.client.call('sendChat', { text: 'hello room' });
    await until(partner.seen, 'chatMessage', (p: { message: { text: string } }) => p.message.text === 'hello room');

    // A broadcast reaches every room and the main room.
    await host.client.call('broadcastToBreakouts', { text: 'Five minutes left' });
    for (const member of [...audience, { seen: hostSeen }]) {
      const { message } = await until<PushPayload<'breakoutBroadcast'>>(member.seen, 'breakoutBroadcast');
      expect(message).toMatchObject({ text: 'Five minutes left', displayName: 'Moderator' });
    }
    const heardElsewhere = [...stranger.seen, ...hostSeen].filter(
      ([event, p]) =>
        (event === 'producerAdded' && (p as { producer: { producerId: string } }).producer.producerId === producerId) ||
        (event === 'chatMessage' && (p as { message: { text: string } }).message.text === 'hello room'),
    );
    expect(heardElsewhere).toEqual([]);

    // The host visits the stranger's room: they see its two members, and the members see the host arrive.
    const visited = roomOf(stranger.joined.peerId);
    await host.client.call('moveToBreakout', { peerId: host.joined.peerId, room: visited });
    const visit = await until<PushPayload<'breakoutMoved'>>(hostSeen, 'breakoutMoved');
    expect(visit.room).toBe(visited);
    expect(visit.peers.map((p) => roomOf(p.peerId))).toEqual([visited, visited]);
    await until(stranger.seen, 'peerJoined', (p: { peer: PeerInfo }) => p.peer.peerId === host.joined.peerId);

    // Calling everyone back: all in the main room again, the audience back in the audience (their microphone closed).
    await host.client.call('closeBreakouts', {});
    await until(hostSeen, 'breakoutsChanged', (p: { breakouts: BreakoutState | null }) => p.breakouts === null);
    for (const member of audience) {
      await until<PushPayload<'breakoutMoved'>>(member.seen, 'breakoutMoved', (p) => p.room === null);
      await until(member.seen, 'roleChanged', (p: { role: string }) => p.role === 'audience');
    }
    const late = await h.join(room, 'audience', 'Late');
    expect(late.joined.peers).toHaveLength(5);
    expect(late.joined.peers.flatMap((p) => p.producers)).toEqual([]);
    expect(late.joined.room.breakouts).toBeUndefined();
  });

  it('a manual split moves one by one; someone who reloads comes back into their room; a newcomer starts in the main room', async () => {
    const room = `booth-br${++seq}`;
    const host = await h.join(room, 'host', 'Staff');
    const guest = await h.admitted(host.client, room, 'Guest');
    await h.admitted(host.client, room, 'Other');
    await host.client.call('openBreakouts', { rooms: 3, split: 'manual' });
    expect(guest.joined.role).toBe('guest');
    const moved = guest.client.next<PushPayload<'breakoutMoved'>>('breakoutMoved');
    await host.client.call('moveToBreakout', { peerId: guest.joined.peerId, room: 3 });
    expect(await moved).toMatchObject({ room: 3, peers: [] });

    // A page reload: the new peer of the same account replaces the old and is back in room 3.
    const again = await h.connect();
    const rejoined = await again.call<typeof guest.joined>('join', {
      roomId: room,
      displayName: 'Guest',
      token: h.token(room, 'guest', 'Guest'),
      replaces: { peerId: guest.joined.peerId, resumeKey: guest.joined.resumeKey },
    });
    expect(rejoined.room.breakout).toBe(3);
    expect(rejoined.peers).toEqual([]);
    expect(rejoined.room.breakouts?.rooms[2]?.members.map((m) => m.displayName)).toEqual(['Guest']);
    // The other guest, still in the main room, sees the host and not the guest in room 3.
    const check = await h.join(room, 'host', 'Second staff');
    expect(check.joined.room.breakout).toBeUndefined();
    expect(check.joined.peers.map((p) => p.displayName).sort()).toEqual(['Other', 'Staff']);
  });

  it('refuses the wrong people and wrong requests with typed errors, and changes nothing', async () => {
    const room = `stage-br${++seq}`;
    const host = await h.join(room, 'host', 'Moderator');
    const second = await h.join(room, 'host', 'Co-host');
    const viewer = await h.join(room, 'audience', 'Viewer');
    const ask = (client: TestClient, event: string, payload: unknown) => client.request(event, payload).then(errorCode);

    expect(await ask(viewer.client, 'openBreakouts', { rooms: 2, split: 'auto' })).toBe(ErrorCode.Forbidden);
    expect(await ask(viewer.client, 'moveToBreakout', { peerId: viewer.joined.peerId, room: 1 })).toBe(ErrorCode.Forbidden);
    expect(await ask(host.client, 'openBreakouts', { rooms: 0, split: 'auto' })).toBe(ErrorCode.BadRequest);
    expect(await ask(host.client, 'openBreakouts', { rooms: 21, split: 'auto' })).toBe(ErrorCode.BadRequest);
    expect(await ask(host.client, 'openBreakouts', { rooms: 2, split: 'random' })).toBe(ErrorCode.BadRequest);
    expect(await ask(host.client, 'openBreakouts', { rooms: 2, split: 'auto', minutes: 0 })).toBe(ErrorCode.BadRequest);
    expect(await ask(host.client, 'moveToBreakout', { peerId: viewer.joined.peerId, room: 1 })).toBe(ErrorCode.Conflict);
    expect(await ask(host.client, 'broadcastToBreakouts', { text: 'hi' })).toBe(ErrorCode.Conflict);
    expect(platform.rooms.get(room)?.breakouts.isOpen).toBe(false);

    // Two hosts open at the same moment: one wins, the other is told they are open already.
    const race = await Promise.all([
      ask(host.client, 'openBreakouts', { rooms: 2, split: 'manual' }),
      ask(second.client, 'openBreakouts', { rooms: 4, split: 'manual' }),
    ]);
    expect(race.sort()).toEqual([ErrorCode.Conflict, 'ok'].sort());
    expect(await ask(host.client, 'moveToBreakout', { peerId: viewer.joined.peerId, room: 9 })).toBe(ErrorCode.NotFound);
    expect(await ask(host.client, 'moveToBreakout', { peerId: 'nobody', room: 1 })).toBe(ErrorCode.NotFound);
    expect(await ask(host.client, 'broadcastToBreakouts', { text: 'x'.repeat(1001) })).toBe(ErrorCode.BadRequest);
    expect(await ask(host.client, 'startRecording', {})).toBe(ErrorCode.Conflict);
    expect(
      platform.rooms
        .get(room)
        ?.breakouts.state()
        ?.rooms.flatMap((r) => r.members),
    ).toEqual([]);
  });
});
