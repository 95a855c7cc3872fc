import { createHash } from 'node:crypto';
import { AccessToken, RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type TalkDto, type ExpoEvent, type JoinResponse, type LiveNow } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, expectStatus, registerGuest, setServerClock, signIn } from '../test-support/api.js';
import { planLiveKit, type LiveKitPlan } from '../test-support/livekit.js';
import { joinLiveKit, type LiveKitPeer } from '../test-support/livekitPeer.js';
import { connectClient, type TestClient } from '../test-support/platform.js';
import { startTestPlatform } from '../test-support/platform.js';

/**
 * A stage on a real livekit-server (built by infra/livekit/ensure.sh) with LiveKit's own Node
 * SDK as participants: the tokens our API issues, the host controls mirrored through LiveKit's
 * RoomService API, and LiveKit's signed webhooks.
 */
describe('stages on LiveKit (real livekit-server)', () => {
  let livekit: LiveKitPlan;
  let platform: Platform;
  let lk: RoomServiceClient;
  let organizer: ApiClient;
  let session: TalkDto;
  const peers: LiveKitPeer[] = [];
  const sockets: TestClient[] = [];
  const start = Date.parse('2027-04-20T08:00:00Z');

  const join = async (ticket: JoinResponse) => {
    const peer = await joinLiveKit(ticket.livekit!.url, ticket.livekit!.token);
    peers.push(peer);
    return peer;
  };
  const enterSocketRoom = async (ticket: JoinResponse) => {
    const socket = await connectClient(platform.url);
    sockets.push(socket);
    const joined = await socket.call<{ peerId: string; role: string }>('join', { roomId: ticket.roomId, displayName: 'x', token: ticket.token });
    return { socket, ...joined };
  };
  const viewer = async () => {
    const client = await registerGuest(platform.url, { timeZone: 'Europe/Berlin' }, { forwardedFor: `198.51.100.${peers.length + 10}` });
    return { client, ticket: expectStatus(await client.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body };
  };
  const participant = (roomId: string, identity: string) => lk.getParticipant(roomId, identity);

  beforeAll(async () => {
    livekit = await planLiveKit();
    platform = await startTestPlatform({
      ALLOW_TEST_CLOCK: 'true',
      STAGE_MEDIA: 'livekit',
      LIVEKIT_URL: livekit.urls[0]!,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
    });
    await livekit.start({ webhookUrl: `${platform.url}/api/livekit/webhook` });
    lk = new RoomServiceClient(livekit.urls[0]!.replace('ws:', 'http:'), livekit.apiKey, livekit.apiSecret);
    await setServerClock(platform.url, start - 10 * 60_000);
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events as [ExpoEvent];
    organizer = await signIn(platform.url, DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.password);
    ({ session } = expectStatus(
      await organizer.post<{ session: TalkDto }>(`/api/events/${event.id}/sessions`, {
        hallId: event.halls[0]!.id,
        title: 'Keynote on LiveKit',
        kind: 'keynote',
        speakers: ['Wang Fang'],
        start: new Date(start).toISOString(),
        end: new Date(start + 3600_000).toISOString(),
        capacity: 500,
      }),
      201,
    ).body);
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(peers.map((p) => p.close().catch(() => undefined)));
    await platform?.close();
    await livekit?.close();
  });

  it("answers a stage ticket with LiveKit's URL and a token; the viewer's cannot publish (LiveKit refuses), the moderator's can", async () => {
    const host = expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    expect(host.livekit?.url).toBe(livekit.urls[0]);
    const stage = await join(host);
    await stage.publishCamera();
    await stage.publishMicrophone();

    const { ticket } = await viewer();
    const audience = await join(ticket);
    // LiveKit does not answer the publish request of a participant without the grant; the SDK gives up.
    await expect(audience.publishCamera()).rejects.toThrow(/publication timed out/);
    // The viewer still watches: the organizer's video arrives and decodes.
    const identity = stage.room.localParticipant!.identity;
    expect(await audience.decodedFrames(identity, 5)).toEqual({ width: 320, height: 180 });
    // LiveKit names the organizer (a steady tone) the active speaker: what the tiles' speaking badge shows.
    await expect.poll(() => audience.activeSpeakers(), { timeout: 10_000 }).toContain(identity);
    const seen = await participant(ticket.roomId, audience.room.localParticipant!.identity);
    expect(seen.permission?.canPublish).toBe(false);
    expect(seen.tracks).toEqual([]);
  }, 60_000);

  it('brings a viewer on stage (they may publish on their live connection) and back (their tracks stop)', async () => {
    const host = expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    const hostSocket = await enterSocketRoom(host);
    const { ticket } = await viewer();
    const announced = hostSocket.socket.next<{ peer: { mediaIdentity?: string } }>('peerJoined');
    const guest = await enterSocketRoom(ticket);
    const media = await join(ticket);
    const identity = media.room.localParticipant!.identity;
    // The room tells everyone which LiveKit participant is whose tile.
    expect((await announced).peer.mediaIdentity).toBe(identity);

    await hostSocket.socket.call('setOnStage', { peerId: guest.peerId, onStage: true });
    await expect.poll(async () => (await participant(ticket.roomId, identity)).permission?.canPublish, { timeout: 5000 }).toBe(true);
    await media.publishCamera();
    await expect.poll(async () => (await participant(ticket.roomId, identity)).tracks.length, { timeout: 5000 }).toBe(1);
    // A token issued now (a reconnect) carries the stage role too.
    const again = expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    expect(again.livekit?.token).toBeTruthy();

    await hostSocket.socket.call('setOnStage', { peerId: guest.peerId, onStage: false });
    await expect.poll(async () => (await participant(ticket.roomId, identity)).permission?.canPublish, { timeout: 5000 }).toBe(false);
    await expect.poll(async () => (await participant(ticket.roomId, identity)).tracks.length, { timeout: 5000 }).toBe(0);
  });

  it('an interpreter assigned into Spanish publishes that channel on LiveKit; one opened in another language is muted by the server', async () => {
    const { client, ticket: before } = await viewer();
    expect(before.livekit?.token).toBeTruthy();
    const email = client.user!.email;
    expectStatus(await organizer.put(`/api/sessions/${session.id}/interpreters`, { interpreters: [{ language: 'es', email }] }), 200);
    const ticket = expectStatus(await client.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    const media = await join(ticket);
    const identity = media.room.localParticipant!.identity;
    const spanish = await media.publishMicrophone('interpretation:es');
    const french = await media.publishMicrophone('interpretation:fr');
    await expect
      .poll(
        async () => {
          const tracks = (await participant(ticket.roomId, identity)).tracks;
          return Object.fromEntries(tracks.map((t) => [t.sid, t.muted]));
        },
        { timeout: 10_000 },
      )
      .toEqual({ [spanish]: false, [french]: true });
    expectStatus(await organizer.put(`/api/sessions/${session.id}/interpreters`, { interpreters: [] }), 200);
  });

  it("mutes a speaker's microphone through LiveKit when a host asks", async () => {
    const host = expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    const hostSocket = await enterSocketRoom(host);
    const { ticket } = await viewer();
    const guest = await enterSocketRoom(ticket);
    await hostSocket.socket.call('setOnStage', { peerId: guest.peerId, onStage: true });
    const media = await join(ticket);
    const identity = media.room.localParticipant!.identity;
    await expect.poll(async () => (await participant(ticket.roomId, identity)).permission?.canPublish, { timeout: 5000 }).toBe(true);
    await media.publishMicrophone();
    await expect.poll(async () => (await participant(ticket.roomId, identity)).tracks.length, { timeout: 5000 }).toBe(1);
    const mutedByHost = guest.socket.next('mutedByHost');
    await hostSocket.socket.call('muteParticipant', { peerId: guest.peerId, source: 'microphone' });
    expect(await mutedByHost).toEqual({ source: 'microphone' });
    const mic = (await participant(ticket.roomId, identity)).tracks.find((t) => t.source === TrackSource.MICROPHONE);
    expect(mic?.muted).toBe(true);
  });

  it('removes a participant from LiveKit and gives them no new token; a locked stage gives viewers none (hosts still get one)', async () => {
    const host = expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200).body;
    const hostSocket = await enterSocketRoom(host);
    const { client, ticket } = await viewer();
    const guest = await enterSocketRoom(ticket);
    const media = await join(ticket);
    await hostSocket.socket.call('removeParticipant', { peerId: guest.peerId });
    await media.disconnected;
    const refused = await client.post(`/api/sessions/${session.id}/meeting`);
    expect(refused.status).toBe(403);
    expect(apiError(refused).code).toBe(ErrorCode.RemovedByHost);

    await hostSocket.socket.call('lockRoom', { locked: true });
    const late = await registerGuest(platform.url, { timeZone: 'Europe/Berlin' }, { forwardedFor: '198.51.100.250' });
    const locked = await late.post(`/api/sessions/${session.id}/meeting`);
    expect(locked.status).toBe(423);
    expect(apiError(locked).code).toBe(ErrorCode.RoomLocked);
    expectStatus(await organizer.post<JoinResponse>(`/api/sessions/${session.id}/meeting`), 200);
    await hostSocket.socket.call('lockRoom', { locked: false });
    expectStatus(await late.post(`/api/sessions/${session.id}/meeting`), 200);
  });

  it("counts who is on the stage from LiveKit's signed webhooks, and refuses unsigned or forged ones with 401", async () => {
    const roomId = `stage-${session.id}`;
    const { ticket } = await viewer();
    const before = platform.liveKit!.attendance.count(roomId);
    // The organizers' live view reads the attendance rows the webhooks write (as for our own rooms).
    const stageViewers = async () => expectStatus(await organizer.get<LiveNow>(`/api/events/${session.eventId}/live`), 200).body.stageViewers;
    const watching = await stageViewers();
    const media = await join(ticket);
    await expect.poll(() => platform.liveKit!.attendance.count(roomId), { timeout: 10_000 }).toBe(before + 1);
    await expect.poll(stageViewers, { timeout: 10_000 }).toBe(watching + 1);
    await media.close();
    await expect.poll(() => platform.liveKit!.attendance.count(roomId), { timeout: 10_000 }).toBe(before);
    await expect.poll(stageViewers, { timeout: 10_000 }).toBe(watching);

    const body = JSON.stringify({ event: 'participant_joined', room: { name: roomId }, participant: { identity: 'intruder', sid: 'PA_x' } });
    const sign = async (secret: string, signed = body) => {
      const at = new AccessToken(livekit.apiKey, secret);
      at.sha256 = createHash('sha256').update(signed).digest('base64');
      return at.toJwt();
    };
    const post = (authorization?: string) =>
      fetch(`${platform.url}/api/livekit/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', ...(authorization && { authorization }) },
        body,
      });
    const unsigned = await post();
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()) as unknown).toMatchObject({ error: { code: ErrorCode.Unauthorized } });
    expect((await post(await sign('a-forged-secret-of-at-least-32-characters'))).status).toBe(401);
    expect((await post(await sign(livekit.apiSecret, `${body} `))).status).toBe(401); // signed another body
    expect(platform.liveKit!.attendance.count(roomId)).toBe(before);
    // Oversized: refused before any verification (LiveKit's events are a few KiB).
    const huge = await fetch(`${platform.url}/api/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await sign(livekit.apiSecret) },
      body: 'x'.repeat(100_000),
    });
    expect(huge.status).toBe(413);
    // The same call, signed with our key: accepted (so the refusals above are about the signature).
    expect((await post(await sign(livekit.apiSecret))).status).toBe(204);
    expect(platform.liveKit!.attendance.count(roomId)).toBe(before + 1);
  });
});
