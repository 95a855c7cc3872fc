import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ChatMessage, type PeerInfo } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { startTestPlatform } from '../test-support/platform.js';
import { harness, type Joined } from '../test-support/meetingHarness.js';
import { opusParameters } from '../test-support/rtp.js';

const errorCode = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error?.code);

describe('meeting control over signaling', () => {
  let platform: Platform;
  const h = harness(() => platform);
  let roomSeq = 0;
  const booth = () => `booth-b${++roomSeq}`;
  const stage = () => `stage-s${++roomSeq}`;

  beforeAll(async () => {
    platform = await startTestPlatform({ RESUME_GRACE_MS: '1500' });
  });
  afterEach(() => h.closeAll());
  afterAll(() => platform.close());

  describe('lobby', () => {
    it("refuses a booth guest's join with LOBBY_REQUIRED until a host admits them", async () => {
      const room = booth();
      await h.join(room, 'host', 'Wang');
      const guest = await h.connect();
      const ack = await guest.request('join', { roomId: room, displayName: 'x', token: h.token(room, 'guest', 'Ana') });
      expect(errorCode(ack)).toBe(ErrorCode.LobbyRequired);
    });

    it('a refused join to an empty room leaves no room (and no router) behind', async () => {
      const room = booth();
      const guest = await h.connect();
      const ack = await guest.request('join', { roomId: room, displayName: 'x', token: h.token(room, 'guest', 'Ana') });
      expect(errorCode(ack)).toBe(ErrorCode.LobbyRequired);
      expect(platform.rooms.get(room)).toBeUndefined();
    });

    it('one guest knocking from two tabs is one line in the lobby, and both tabs hear the answer', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const tabs = [await h.connect(), await h.connect()];
      const token = h.token(room, 'guest', 'Ana');
      const answers = tabs.map((tab) => tab.next<{ admitted: boolean }>('knockAnswered'));
      const lobby = host.next<{ waiting: unknown[] }>('lobbyChanged');
      const [first, second] = [
        await tabs[0]!.call<{ knockId: string }>('knock', { roomId: room, token }),
        await tabs[1]!.call<{ knockId: string }>('knock', { roomId: room, token }),
      ];
      expect(second.knockId).toBe(first.knockId);
      expect((await lobby).waiting).toHaveLength(1);
      await host.call('admit', { knockId: first.knockId });
      for (const answer of answers) expect(await answer).toMatchObject({ admitted: true });
    });

    it('shows staff who knocks (name, country, language); an admitted guest joins and a declined one stays out', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const ana = await h.connect();
      const lobby = host.next<{ waiting: unknown[] }>('lobbyChanged');
      const anaToken = h.token(room, 'guest', 'Ana', { country: 'BR', lang: 'pt' });
      const { knockId } = await ana.call<{ knockId: string }>('knock', { roomId: room, token: anaToken });
      expect((await lobby).waiting).toEqual([{ knockId, displayName: 'Ana', country: 'BR', language: 'pt', since: expect.stringMatching(/Z$/) }]);

      const bo = await h.connect();
      const boToken = h.token(room, 'guest', 'Bo');
      const boAnswer = bo.next<{ admitted: boolean }>('knockAnswered');
      const boKnock = await bo.call<{ knockId: string }>('knock', { roomId: room, token: boToken });
      await host.call('decline', { knockId: boKnock.knockId });
      expect(await boAnswer).toMatchObject({ admitted: false });
      expect(errorCode(await bo.request('join', { roomId: room, displayName: 'Bo', token: boToken }))).toBe(ErrorCode.LobbyRequired);

      const anaAnswer = ana.next<{ admitted: boolean }>('knockAnswered');
      await host.call('admit', { knockId });
      expect(await anaAnswer).toMatchObject({ admitted: true });
      const joined = await ana.call<Joined>('join', { roomId: room, displayName: 'Ana', token: anaToken });
      expect(joined.role).toBe('guest');
      expect(joined.peers.map((p) => p.displayName)).toEqual(['Wang']);
    });

    it('lists the waiting guests to a host who joins after they knocked, and withdraws a knock when its socket drops', async () => {
      const room = booth();
      const ana = await h.connect();
      await ana.call('knock', { roomId: room, token: h.token(room, 'guest', 'Ana') });
      const { client: host, joined } = await h.join(room, 'host', 'Wang');
      expect(joined.room.lobby.map((k) => k.displayName)).toEqual(['Ana']);
      const change = host.next<{ waiting: unknown[] }>('lobbyChanged');
      ana.close();
      expect((await change).waiting).toEqual([]);
    });

    it('a second answer to the same knock (two hosts racing) gets NOT_FOUND and changes nothing', async () => {
      const room = booth();
      const { client: host1 } = await h.join(room, 'host', 'Wang');
      const { client: host2 } = await h.join(room, 'host', 'Li');
      const ana = await h.connect();
      const lobby = host1.next('lobbyChanged');
      const { knockId } = await ana.call<{ knockId: string }>('knock', { roomId: room, token: h.token(room, 'guest', 'Ana') });
      await lobby;
      const acks = await Promise.all([host1.request('admit', { knockId }), host2.request('decline', { knockId })]);
      expect(acks.map(errorCode).sort()).toEqual([ErrorCode.NotFound, 'ok'].sort());
    });

    it('a locked room refuses new knocks and joins with ROOM_LOCKED (hosts still get in); everyone hears of the lock', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: guest } = await h.admitted(host, room, 'Ana');
      const heard = guest.next<{ locked: boolean }>('roomLockChanged');
      await host.call('lockRoom', { locked: true });
      expect(await heard).toEqual({ locked: true });
      const late = await h.connect();
      expect(errorCode(await late.request('knock', { roomId: room, token: h.token(room, 'guest', 'Cy') }))).toBe(ErrorCode.RoomLocked);
      await expect(h.join(room, 'host', 'Li')).resolves.toMatchObject({ joined: { role: 'host' } });
      await host.call('lockRoom', { locked: false });
      expect(errorCode(await late.request('knock', { roomId: room, token: h.token(room, 'guest', 'Cy') }))).toBe('ok');
    });
  });

  describe('host controls', () => {
    it('refuses every host command from a guest with FORBIDDEN and changes nothing', async () => {
      const room = booth();
      const { client: host, joined: hostJoined } = await h.join(room, 'host', 'Wang');
      const { client: guest } = await h.admitted(host, room, 'Ana');
      const commands: Array<[string, unknown]> = [
        ['admit', { knockId: 'k' }],
        ['decline', { knockId: 'k' }],
        ['lockRoom', { locked: true }],
        ['muteParticipant', { peerId: hostJoined.peerId, source: 'microphone' }],
        ['removeParticipant', { peerId: hostJoined.peerId }],
        ['setOnStage', { peerId: hostJoined.peerId, onStage: true }],
      ];
      for (const [event, payload] of commands) {
        expect([event, errorCode(await guest.request(event, payload))]).toEqual([event, ErrorCode.Forbidden]);
      }
      const again = await h.connect();
      // Not locked: a new guest can still knock.
      expect(errorCode(await again.request('knock', { roomId: room, token: h.token(room, 'guest', 'Cy') }))).toBe('ok');
      expect(platform.rooms.get(room)?.peerCount).toBe(2);
    });

    it("mutes a guest's microphone: the guest is told, the others see it paused, and only the guest can unmute", async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: guest, joined } = await h.admitted(host, room, 'Ana');
      const send = await guest.call<{ id: string }>('createTransport', { direction: 'send' });
      const added = host.next('producerAdded');
      const { producerId } = await guest.call<{ producerId: string }>('produce', {
        transportId: send.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: opusParameters(7001),
      });
      await added;
      const told = guest.next<{ source: string }>('mutedByHost');
      const paused = host.next<{ producerId: string }>('producerPaused');
      await host.call('muteParticipant', { peerId: joined.peerId, source: 'microphone' });
      expect(await told).toEqual({ source: 'microphone' });
      expect(await paused).toEqual({ producerId, peerId: joined.peerId });
      const resumed = host.next('producerResumed');
      await guest.call('resumeProducer', { producerId });
      await resumed;
    });

    it('removes a guest: they get roomClosed REMOVED_BY_HOST, the others see them leave, and they cannot come back', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: guest, joined } = await h.admitted(host, room, 'Ana');
      const closed = guest.next<{ reason: { code: string } }>('roomClosed');
      const left = host.next<{ peerId: string }>('peerLeft');
      await host.call('removeParticipant', { peerId: joined.peerId });
      expect((await closed).reason.code).toBe(ErrorCode.RemovedByHost);
      expect(await left).toEqual({ peerId: joined.peerId });
      expect(errorCode(await guest.request('getRouterRtpCapabilities', {}))).toBe(ErrorCode.NotJoined);
      const back = await h.connect();
      expect(errorCode(await back.request('knock', { roomId: room, token: h.token(room, 'guest', 'Ana') }))).toBe(ErrorCode.RemovedByHost);
    });

    it('removing a guest removes each of their devices and withdraws their knocks', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: laptop, joined } = await h.admitted(host, room, 'Ana');
      // Admitted once, Ana also joins from her phone.
      const phone = await h.connect();
      await phone.call('join', { roomId: room, displayName: 'Ana', token: h.token(room, 'guest', 'Ana') });
      const closed = [laptop, phone].map((c) => c.next<{ reason: { code: string } }>('roomClosed'));
      await host.call('removeParticipant', { peerId: joined.peerId });
      for (const c of closed) expect((await c).reason.code).toBe(ErrorCode.RemovedByHost);
      expect(
        platform.rooms
          .get(room)
          ?.peerInfos()
          .map((p) => p.displayName),
      ).toEqual(['Wang']);
    });

    it('refuses to remove a host', async () => {
      const room = booth();
      const { client: wang } = await h.join(room, 'host', 'Wang');
      const { joined: li } = await h.join(room, 'host', 'Li');
      expect(errorCode(await wang.request('removeParticipant', { peerId: li.peerId }))).toBe(ErrorCode.Forbidden);
    });
  });

  describe('stage', () => {
    it('the audience cannot send; a raised hand reaches the moderator, who brings them on stage and back', async () => {
      const room = stage();
      const { client: moderator } = await h.join(room, 'host', 'Moderator');
      const { client: viewer, joined } = await h.join(room, 'audience', 'Viewer');
      expect(joined.role).toBe('audience');
      expect(errorCode(await viewer.request('createTransport', { direction: 'send' }))).toBe(ErrorCode.Forbidden);

      const raised = moderator.next<{ peer: PeerInfo }>('peerUpdated');
      await viewer.call('raiseHand', { raised: true });
      expect((await raised).peer).toMatchObject({ peerId: joined.peerId, handRaised: true, role: 'audience' });

      const role = viewer.next<{ role: string }>('roleChanged');
      const ownUpdate = viewer.next<{ peer: PeerInfo }>('peerUpdated');
      await moderator.call('setOnStage', { peerId: joined.peerId, onStage: true });
      expect(await role).toEqual({ role: 'speaker' });
      // The person hears of their own change too (their hand is lowered).
      expect((await ownUpdate).peer).toMatchObject({ peerId: joined.peerId, role: 'speaker', handRaised: false });
      expect(errorCode(await viewer.request('createTransport', { direction: 'send' }))).toBe('ok');

      const back = viewer.next<{ role: string }>('roleChanged');
      await moderator.call('setOnStage', { peerId: joined.peerId, onStage: false });
      expect(await back).toEqual({ role: 'audience' });
      expect(errorCode(await viewer.request('createTransport', { direction: 'send' }))).toBe(ErrorCode.Forbidden);
    });

    it('refuses setOnStage outside a stage with CONFLICT', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { joined } = await h.admitted(host, room, 'Ana');
      expect(errorCode(await host.request('setOnStage', { peerId: joined.peerId, onStage: true }))).toBe(ErrorCode.Conflict);
    });
  });

  describe('chat', () => {
    it('reaches the others at once and late joiners with join; markup stays text', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: guest } = await h.admitted(host, room, 'Ana');
      const heard = host.next<{ message: ChatMessage }>('chatMessage');
      const { message } = await guest.call<{ message: ChatMessage }>('sendChat', { text: '  <img src=x onerror=alert(1)> hi  ' });
      expect(message).toMatchObject({ displayName: 'Ana', text: '<img src=x onerror=alert(1)> hi' });
      expect((await heard).message).toEqual(message);
      const { joined: late } = await h.join(room, 'host', 'Li');
      expect(late.room.chat).toEqual([message]);
    });

    it('refuses empty and over-long messages with BAD_REQUEST and keeps nothing', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      for (const text of ['', '   ', 'x'.repeat(1001)]) {
        expect(errorCode(await host.request('sendChat', { text }))).toBe(ErrorCode.BadRequest);
      }
      const { joined } = await h.join(room, 'host', 'Li');
      expect(joined.room.chat).toEqual([]);
    });

    it('limits one participant to 10 messages per 10 seconds with RATE_LIMITED', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const acks = [];
      for (let i = 0; i < 12; i++) acks.push(errorCode(await host.request('sendChat', { text: `m${i}` })));
      expect(acks.slice(0, 10).every((c) => c === 'ok')).toBe(true);
      expect(acks.slice(10)).toEqual([ErrorCode.RateLimited, ErrorCode.RateLimited]);
    });
  });

  describe('staying connected', () => {
    it('a dropped connection keeps the place: resume on a new socket is the same participant, and nobody sees a leave', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: guest, joined } = await h.admitted(host, room, 'Ana');
      const seen: string[] = [];
      host.socket.on('peerLeft', () => seen.push('peerLeft'));
      host.socket.on('peerJoined', () => seen.push('peerJoined'));
      const away = host.next<{ peer: PeerInfo }>('peerUpdated');
      guest.socket.io.engine.close(); // the network drops (not a polite disconnect)
      expect((await away).peer).toMatchObject({ peerId: joined.peerId, away: true });

      const again = await h.connect();
      const back = host.next<{ peer: PeerInfo }>('peerUpdated');
      const resumed = await again.call<Joined>('resume', { roomId: room, peerId: joined.peerId, resumeKey: joined.resumeKey });
      expect(resumed).toMatchObject({ peerId: joined.peerId, role: 'guest' });
      expect(resumed.peers.map((p) => p.displayName)).toEqual(['Wang']);
      expect((await back).peer).toMatchObject({ peerId: joined.peerId, away: false });
      expect(seen).toEqual([]);
      expect(platform.rooms.get(room)?.peerCount).toBe(2);
    });

    it('refuses a resume with the wrong key, and after the grace period, with NOT_FOUND', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: guest, joined } = await h.admitted(host, room, 'Ana');
      const again = await h.connect();
      const wrong = { roomId: room, peerId: joined.peerId, resumeKey: 'x'.repeat(32) };
      expect(errorCode(await again.request('resume', wrong))).toBe(ErrorCode.NotFound);
      const left = host.next<{ peerId: string }>('peerLeft', 5_000);
      guest.socket.io.engine.close();
      expect(await left).toEqual({ peerId: joined.peerId });
      const late = { roomId: room, peerId: joined.peerId, resumeKey: joined.resumeKey };
      expect(errorCode(await again.request('resume', late))).toBe(ErrorCode.NotFound);
    });

    it('a reload into a locked room gets back in (the person was already there); the old tab is told', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { client: oldTab, joined } = await h.admitted(host, room, 'Ana');
      await host.call('lockRoom', { locked: true });
      const told = oldTab.next<{ reason: { code: string } }>('roomClosed');
      const reloaded = await h.connect();
      const again = await reloaded.call<Joined>('join', {
        roomId: room,
        displayName: 'Ana',
        token: h.token(room, 'guest', 'Ana'),
        replaces: { peerId: joined.peerId, resumeKey: joined.resumeKey },
      });
      expect(again.role).toBe('guest');
      expect((await told).reason.code).toBe(ErrorCode.Conflict);
      expect(platform.rooms.get(room)?.peerCount).toBe(2);
    });

    it("a `replaces` naming someone else's peer does not remove it, and the lock still applies", async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { joined } = await h.admitted(host, room, 'Ana');
      await host.call('lockRoom', { locked: true });
      const intruder = await h.connect();
      const ack = await intruder.request('join', {
        roomId: room,
        displayName: 'Mallory',
        token: h.token(room, 'guest', 'Mallory'),
        replaces: { peerId: joined.peerId, resumeKey: joined.resumeKey },
      });
      expect(errorCode(ack)).toBe(ErrorCode.RoomLocked);
      expect(platform.rooms.get(room)?.peerCount).toBe(2);
    });

    it('a reload joins with `replaces`: the old peer is removed first, so there is no ghost tile', async () => {
      const room = booth();
      const { client: host } = await h.join(room, 'host', 'Wang');
      const { joined } = await h.admitted(host, room, 'Ana');
      const reloaded = await h.connect();
      const left = host.next<{ peerId: string }>('peerLeft');
      const again = await reloaded.call<Joined>('join', {
        roomId: room,
        displayName: 'Ana',
        token: h.token(room, 'guest', 'Ana'),
        replaces: { peerId: joined.peerId, resumeKey: joined.resumeKey },
      });
      expect(await left).toEqual({ peerId: joined.peerId });
      expect(again.peerId).not.toBe(joined.peerId);
      expect(
        platform.rooms
          .get(room)
          ?.peerInfos()
          .map((p) => p.displayName)
          .sort(),
      ).toEqual(['Ana', 'Wang']);
    });
  });
});

describe('limits and shutdown', () => {
  let platform: Platform;
  const h = harness(() => platform);
  afterEach(() => h.closeAll());
  afterAll(() => platform?.close());

  it('answers a socket that sends more requests per second than allowed with RATE_LIMITED, and serves it again a second later', async () => {
    platform = await startTestPlatform({ SOCKET_REQUESTS_PER_SECOND: '5' });
    const client = await h.connect();
    const acks = await Promise.all(Array.from({ length: 12 }, () => client.request('getRouterRtpCapabilities', {})));
    const codes = acks.map(errorCode);
    expect(codes.filter((c) => c === ErrorCode.NotJoined)).toHaveLength(5);
    expect(codes.filter((c) => c === ErrorCode.RateLimited)).toHaveLength(7);
    const other = await h.connect();
    expect(errorCode(await other.request('getRouterRtpCapabilities', {}))).toBe(ErrorCode.NotJoined);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(errorCode(await client.request('getRouterRtpCapabilities', {}))).toBe(ErrorCode.NotJoined);
    await platform.close();
  });

  it('hands out TURN servers with time-limited credentials on join when TURN is configured', async () => {
    platform = await startTestPlatform({ TURN_URLS: 'turn:127.0.0.1:3478?transport=udp', TURN_SECRET: 'a-very-secret-turn-key' });
    const { joined } = await h.join('booth-turn', 'host', 'Wang');
    expect(joined.iceServers).toEqual([
      { urls: ['turn:127.0.0.1:3478?transport=udp'], username: expect.stringMatching(/^\d+:user-Wang$/), credential: expect.any(String) },
    ]);
    await platform.close();
  });

  it('drains on shutdown: participants are told, /api/ready is 503 while /api/health stays 200, joins are refused, and it ends once the rooms empty', async () => {
    platform = await startTestPlatform();
    const { client: host } = await h.join('booth-drain', 'host', 'Wang');
    const told = host.next<{ deadline: string }>('serverDraining');
    const drained = platform.drain(10_000);
    expect(Date.parse((await told).deadline)).toBeGreaterThan(Date.now());
    expect((await fetch(`${platform.url}/api/ready`)).status).toBe(503);
    expect((await fetch(`${platform.url}/api/health`)).status).toBe(200);
    const late = await h.connect();
    const refused = await late.request('join', { roomId: 'booth-drain', displayName: 'x', token: h.token('booth-drain', 'host', 'Li') });
    expect(errorCode(refused)).toBe(ErrorCode.Unavailable);
    const started = Date.now();
    await host.call('leave', {});
    await drained;
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
