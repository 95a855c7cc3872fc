import { FakeHandler, testFakeParameters } from 'mediasoup-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeetingClient, type MeetingSnapshot } from './MeetingClient';
import { ErrorCode } from '@ca/signaling';
import { baseHandlers, bobMic, bobMic2, joinAnswer, peer, resumed, startServer, until } from '../test-support/meetingServer';

/** Just enough of a MediaStreamTrack for mediasoup-client's FakeHandler. */
class TestTrack extends EventTarget {
  readonly id = crypto.randomUUID();
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  constructor(readonly kind: 'audio' | 'video') {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
  clone(): TestTrack {
    return new TestTrack(this.kind);
  }
  getSettings(): MediaTrackSettings {
    return {};
  }
}
const track = (kind: 'audio' | 'video') => new TestTrack(kind) as unknown as MediaStreamTrack;

const message = (id: string, text: string, peerId = 'bob') => ({
  id,
  peerId,
  displayName: peerId === 'me' ? 'Ana' : 'Bob',
  text,
  sentAt: '2026-11-29T08:00:00.000Z',
});

describe('MeetingClient in a meeting that holds up', () => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: MeetingClient | undefined;

  afterEach(async () => {
    await client?.leave();
    await server?.close();
    server = undefined;
    client = undefined;
  });

  function newClient(url: string, options: Partial<ConstructorParameters<typeof MeetingClient>[0]> = {}): MeetingClient {
    return new MeetingClient({
      roomId: 'booth-1',
      displayName: 'Ana',
      signaling: { url, reconnectDelayMaxMs: 200 },
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
      statsIntervalMs: 0,
      ...options,
    });
  }

  const names = (s: MeetingSnapshot) => s.participants.map((p) => p.displayName);
  const produced = (log: Array<{ name: string; payload: Record<string, unknown> }>) =>
    log.filter((r) => r.name === 'produce').map((r) => r.payload.source);

  it('a guest waits in the lobby, is admitted and then joins', async () => {
    let joins = 0;
    server = await startServer({
      ...baseHandlers,
      join: (payload, socket) => {
        if (++joins === 1) throw { code: ErrorCode.LobbyRequired, message: 'knock first' };
        return baseHandlers.join?.(payload, socket);
      },
      knock: (_payload, socket) => {
        setTimeout(() => socket.emit('knockAnswered', { knockId: 'k1', admitted: true }), 50);
        return { knockId: 'k1' };
      },
    });
    client = newClient(server.url, { token: 'walk-in-token' });
    const joining = client.join();
    await until(client, (s) => s.status === 'lobby');
    await joining;
    const s = await until(client, (x) => x.status === 'joined');
    expect(names(s)).toEqual(['Ana', 'Bob', 'Carol']);
    expect(server.log.map((r) => r.name).slice(0, 3)).toEqual(['join', 'knock', 'join']);
    expect(server.log.find((r) => r.name === 'knock')?.payload).toEqual({ roomId: 'booth-1', token: 'walk-in-token' });
  });

  it('a guest the host declines ends with LOBBY_DECLINED and never joins', async () => {
    server = await startServer({
      ...baseHandlers,
      join: () => {
        throw { code: ErrorCode.LobbyRequired, message: 'knock first' };
      },
      knock: (_payload, socket) => {
        setTimeout(() => socket.emit('knockAnswered', { knockId: 'k1', admitted: false }), 20);
        return { knockId: 'k1' };
      },
    });
    client = newClient(server.url, { token: 'walk-in-token' });
    await client.join();
    expect(client.getSnapshot()).toMatchObject({ status: 'failed', endReason: { code: 'LOBBY_DECLINED' } });
    expect(server.count('join')).toBe(1);
  });

  it('mutedByHost pauses the local producer, shows the microphone off and says why', async () => {
    server = await startServer(baseHandlers);
    const mic = track('audio');
    client = newClient(server.url, { tracks: { microphone: mic } });
    await client.join();
    await until(client, (s) => s.local.microphone.state === 'on' && !s.local.microphone.busy);
    server.push('mutedByHost', { source: 'microphone' });
    await until(client, (x) => x.local.microphone.state === 'paused');
    expect(client.getSnapshot().notices).toContainEqual(expect.objectContaining({ kind: 'info', info: 'mutedMicrophone' }));
    expect(mic.enabled).toBe(false);
    expect(server.count('pauseProducer')).toBe(0); // the server paused it already
    // Only the person turns it back on, with the normal request.
    await client.setMicrophone(true);
    expect(client.getSnapshot().local.microphone.state).toBe('on');
    expect(server.count('resumeProducer')).toBe(1);
  });

  it('recording: the indicator follows the pushes, a guest is asked and their answer is sent and shown', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    expect(client.getSnapshot().room).toMatchObject({ recording: false, recordingConsent: null });
    server.push('recordingChanged', { recording: true });
    server.push('recordingConsentRequested', { recordingId: 'r1' });
    await until(client, (s) => s.room.recording && s.room.recordingConsent === 'asked');
    await client.room.answerRecordingConsent(false);
    expect(server.log.find((r) => r.name === 'recordingConsent')?.payload).toEqual({ consent: false });
    expect(client.getSnapshot().room.recordingConsent).toBe('declined');
    server.push('recordingChanged', { recording: false });
    await until(client, (s) => !s.room.recording);
    expect(client.getSnapshot().room.recordingConsent).toBeNull();
  });

  it('a participant the host removes ends with REMOVED_BY_HOST and all media stopped', async () => {
    server = await startServer(baseHandlers);
    const mic = track('audio');
    client = newClient(server.url, { tracks: { microphone: mic } });
    await client.join();
    server.push('roomClosed', { reason: { code: ErrorCode.RemovedByHost, message: 'removed by the host' } });
    const s = await until(client, (x) => x.status === 'ended');
    expect(s.endReason?.code).toBe(ErrorCode.RemovedByHost);
    expect(mic.readyState).toBe('ended');
  });

  it('chat shows the history from the join answer, pushed messages and our own, each once', async () => {
    server = await startServer({
      ...baseHandlers,
      join: () => joinAnswer({ room: { locked: false, activeSpeakerPeerId: null, chat: [message('m1', 'earlier')], lobby: [] } }),
      sendChat: (payload) => ({ message: message('m3', String(payload.text), 'me') }),
    });
    client = newClient(server.url);
    await client.join();
    expect(client.getSnapshot().room.chat.map((m) => m.text)).toEqual(['earlier']);
    server.push('chatMessage', { message: message('m2', '<b>hi</b>') });
    await until(client, (s) => s.room.chat.length === 2);
    expect(await client.room.sendChat('  hello  ')).toBe(true); // sent trimmed
    server.push('chatMessage', { message: message('m3', 'hello', 'me') }); // an echo must not duplicate
    server.push('chatMessage', { message: message('m4', 'last') });
    const s = await until(client, (x) => x.room.chat.length === 4);
    expect(s.room.chat.map((m) => m.text)).toEqual(['earlier', '<b>hi</b>', 'hello', 'last']);
    expect(server.log.find((r) => r.name === 'sendChat')?.payload).toEqual({ text: 'hello' });
  });

  it('a join answered from an overflow server marks the room as overflow and counts overflow viewers; an ordinary join does not', async () => {
    server = await startServer({
      ...baseHandlers,
      join: () => joinAnswer({ role: 'audience', room: { locked: false, activeSpeakerPeerId: null, chat: [], lobby: [], overflow: true } }),
    });
    client = newClient(server.url);
    await client.join();
    expect(client.getSnapshot().room.overflow).toBe(true);
    expect(client.getSnapshot().room.overflowAudience).toBe(0);
    server.push('overflowAudience', { count: 12 });
    await until(client, (x) => x.room.overflowAudience === 12);
    await client.leave();
    await server.close();
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    expect(client.getSnapshot().room.overflow).toBe(false);
  });

  it('raised hands and the active speaker reach the participants; a host sees the lobby', async () => {
    server = await startServer({
      ...baseHandlers,
      join: () => joinAnswer({ role: 'host', peers: [peer('bob', 'Bob', [bobMic])] }),
    });
    client = newClient(server.url);
    await client.join();
    server.push('peerUpdated', { peer: { ...peer('bob', 'Bob', [bobMic]), handRaised: true } });
    server.push('activeSpeaker', { peerId: 'bob' });
    const waiting = [{ knockId: 'k9', displayName: 'Zoe', country: 'BR', language: 'pt', since: '2026-11-29T08:00:00.000Z' }];
    server.push('lobbyChanged', { waiting });
    const s = await until(client, (x) => x.room.lobby.length === 1 && x.participants[1]?.speaking === true);
    expect(s.participants[1]).toMatchObject({ displayName: 'Bob', handRaised: true, speaking: true, role: 'guest' });
    await client.room.admit('k9');
    await client.room.muteParticipant('bob', 'camera');
    expect(server.log.filter((r) => r.name === 'admit' || r.name === 'muteParticipant').map((r) => r.payload)).toEqual([
      { knockId: 'k9' },
      { peerId: 'bob', source: 'camera' },
    ]);
  });

  it('after a dropped socket it resumes the same peer and reconciles without duplicate tiles', async () => {
    server = await startServer({
      ...baseHandlers,
      resume: () => joinAnswer({ peers: [peer('bob', 'Bob', [bobMic]), peer('dave', 'Dave')], resumeKey: 'resume-key-second-0001' }),
    });
    client = newClient(server.url);
    await client.join();
    await until(client, (s) => names(s).length === 3 && !!s.participants[2]?.media.camera?.track);
    server.drop();
    await until(client, (s) => s.status === 'reconnecting');
    const s = await until(client, (x) => x.status === 'joined' && names(x).includes('Dave'));
    expect(names(s)).toEqual(['Ana', 'Bob', 'Dave']); // Carol left meanwhile; Bob once
    expect(server.log.find((r) => r.name === 'resume')?.payload).toEqual({
      roomId: 'booth-1',
      peerId: 'me',
      resumeKey: 'resume-key-0123456789',
    });
    expect(server.count('join')).toBe(1);
    expect(server.count('createTransport')).toBe(1); // the transports stayed
    expect(s.participants[1]?.media.microphone?.track).toBeTruthy();
  });

  it('when the server forgot the peer (resume NOT_FOUND) it joins afresh and sends its tracks again', async () => {
    server = await startServer({
      ...baseHandlers,
      resume: () => {
        throw { code: ErrorCode.NotFound, message: 'your place in this meeting has expired' };
      },
    });
    const mic = track('audio');
    client = newClient(server.url, { tracks: { microphone: mic } });
    await client.join();
    await until(client, (s) => s.local.microphone.state === 'on' && !s.local.microphone.busy);
    expect(produced(server.log)).toEqual(['microphone']);
    server.drop();
    await until(client, (s) => s.status === 'reconnecting');
    await until(client, (s) => s.status === 'joined');
    const log = server.log;
    await vi.waitFor(() => expect(produced(log)).toEqual(['microphone', 'microphone']));
    expect(server.count('join')).toBe(2);
    expect(log.filter((r) => r.name === 'join')[1]?.payload.replaces).toBeUndefined();
    expect(names(client.getSnapshot())).toEqual(['Ana', 'Bob', 'Carol']);
    expect(mic.readyState).toBe('live');
  });

  it('mediaReset re-creates both transports, sends the same tracks again (muted stays muted) and consumes anew', async () => {
    server = await startServer(baseHandlers);
    const mic = track('audio');
    const cam = track('video');
    client = newClient(server.url, { tracks: { microphone: mic, camera: cam } });
    await client.join();
    await until(client, (s) => !s.local.microphone.busy && !s.local.camera.busy);
    await client.setMicrophone(false);
    server.push('mediaReset', { routerRtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() });
    server.push('producerAdded', { producer: bobMic2 });
    const log = server.log;
    await vi.waitFor(() => expect(produced(log).length).toBe(4));
    await vi.waitFor(() => expect(resumed(log)).toContain('consumer-of-bob-mic-2'));
    expect(log.filter((r) => r.name === 'createTransport').map((r) => r.payload.direction)).toEqual(['recv', 'send', 'recv', 'send']);
    const again = log.filter((r) => r.name === 'produce').slice(2);
    expect(again.find((r) => r.payload.source === 'microphone')?.payload.paused).toBe(true);
    expect([mic.readyState, cam.readyState]).toEqual(['live', 'live']);
    const s = await until(client, (x) => !!x.participants[1]?.media.microphone?.track);
    expect(s.participants[1]?.media.microphone?.producerId).toBe('bob-mic-2');
    expect(s.local.microphone.state).toBe('paused');
  });

  it('roleChanged to speaker opens camera and microphone and sends them; back to audience closes them', async () => {
    server = await startServer({ ...baseHandlers, join: () => joinAnswer({ role: 'audience', roomId: 'stage-1' }) });
    const prejoin = track('audio');
    const captured = { microphone: track('audio'), camera: track('video') };
    client = newClient(server.url, {
      roomId: 'stage-1',
      tracks: { microphone: prejoin },
      capture: () => Promise.resolve({ ...captured, problems: {} }),
    });
    await client.join();
    expect(prejoin.readyState).toBe('ended'); // the audience sends nothing
    expect(server.count('produce')).toBe(0);

    server.push('roleChanged', { role: 'speaker' });
    const log = server.log;
    await vi.waitFor(() => expect(produced(log).sort()).toEqual(['camera', 'microphone']));
    await until(client, (s) => s.role === 'speaker' && s.local.camera.state === 'on' && !s.local.camera.busy);

    server.push('roleChanged', { role: 'audience' });
    const s = await until(client, (x) => x.role === 'audience' && x.local.camera.state === 'off');
    await vi.waitFor(() => expect(server?.count('closeProducer')).toBe(2));
    expect(s.local.microphone.state).toBe('off');
    expect([captured.microphone.readyState, captured.camera.readyState]).toEqual(['ended', 'ended']);
    expect(
      client
        .getSnapshot()
        .notices.filter((n) => n.kind === 'info')
        .map((n) => n.kind === 'info' && n.info),
    ).toEqual(['onStage', 'toAudience']);
  });

  it('the camera is sent as VP9 SVC (three spatial, three temporal layers) where the router and browser offer VP9', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url, { tracks: { camera: track('video') } });
    await client.join();
    const log = server.log;
    await vi.waitFor(() => expect(produced(log)).toEqual(['camera']));
    const rtp = log.find((r) => r.name === 'produce')?.payload.rtpParameters as {
      codecs: Array<{ mimeType: string }>;
      encodings: Array<Record<string, unknown>>;
    };
    expect(rtp.codecs[0]?.mimeType.toLowerCase()).toBe('video/vp9');
    expect(rtp.encodings.map((e) => e.scalabilityMode)).toEqual(['L3T3_KEY']);
  });

  it('with VP8 chosen, the camera is sent as three simulcast layers (1/4, 1/2, full size)', async () => {
    vi.stubGlobal('localStorage', { getItem: (key: string) => (key === 'ca:video-codec' ? 'vp8' : null), setItem: () => undefined });
    try {
      server = await startServer(baseHandlers);
      client = newClient(server.url, { tracks: { camera: track('video') } });
      await client.join();
      const log = server.log;
      await vi.waitFor(() => expect(produced(log)).toEqual(['camera']));
      const encodings = (log.find((r) => r.name === 'produce')?.payload.rtpParameters as { encodings: Array<Record<string, unknown>> }).encodings;
      expect(encodings.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
      expect(encodings.map((e) => e.maxBitrate)).toEqual([100_000, 300_000, 900_000]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a hidden video tile pauses its consumer and a small one asks for the lowest layer', async () => {
    server = await startServer(baseHandlers);
    client = newClient(server.url);
    await client.join();
    await until(client, (s) => !!s.participants[2]?.media.camera?.track);
    client.setVideoView('carol-cam', { visible: true, width: 200 });
    client.setVideoView('carol-cam', { visible: false, width: 200 });
    const log = server.log;
    await vi.waitFor(() =>
      expect(log.filter((r) => r.name === 'pauseConsumer').map((r) => r.payload)).toEqual([{ consumerId: 'consumer-of-carol-cam' }]),
    );
    expect(log.find((r) => r.name === 'setPreferredLayers')?.payload).toEqual({ consumerId: 'consumer-of-carol-cam', spatialLayer: 0 });
  });
});
