/**
 * Test support for MeetingClient's tests: a scripted Socket.io signaling server, the answers of
 * the current contract, and waiting for a snapshot.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, SOCKET_PATH, type ParticipantRole, type PeerInfo, type ProducerInfo, type ResponsePayload } from '@ca/signaling';
import { testFakeParameters } from 'mediasoup-client';
import { Server, type Socket } from 'socket.io';
import type { MeetingClient, MeetingSnapshot } from '../media/MeetingClient';

type Ack = (response: unknown) => void;
export type Handler = (payload: Record<string, unknown>, socket: Socket) => unknown;

export const bobMic: ProducerInfo = { producerId: 'bob-mic', peerId: 'bob', kind: 'audio', source: 'microphone', paused: false };
export const carolCam: ProducerInfo = { producerId: 'carol-cam', peerId: 'carol', kind: 'video', source: 'camera', paused: false };

/**
 * A scripted signaling server: answers each request with `handlers[name]` (or `{}`)
 * and records what the client asked, in order.
 */
export async function startServer(handlers: Record<string, Handler>) {
  const log: Array<{ name: string; payload: Record<string, unknown> }> = [];
  const sockets: Socket[] = [];
  const httpServer = http.createServer();
  const io = new Server(httpServer, { path: SOCKET_PATH });
  io.on('connection', (socket) => {
    sockets.push(socket);
    socket.onAny((name: string, payload: Record<string, unknown>, ack: Ack) => {
      log.push({ name, payload });
      try {
        ack({ ok: true, data: handlers[name]?.(payload, socket) ?? {} });
      } catch (error) {
        ack({ ok: false, error: error as { code: string; message: string } });
      }
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    push: (name: string, payload: unknown) => sockets.forEach((s) => s.emit(name, payload)),
    /** Cuts every connection below Socket.io (like a network drop): the client reconnects by itself. */
    drop: () => sockets.splice(0).forEach((s) => s.conn.close()),
    count: (name: string) => log.filter((r) => r.name === name).length,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

export const transportOptions = () => {
  const { id, iceParameters, iceCandidates, dtlsParameters } = testFakeParameters.generateTransportRemoteParameters();
  return { id, iceParameters, iceCandidates, dtlsParameters };
};

export const bobMic2: ProducerInfo = { ...bobMic, producerId: 'bob-mic-2' };

export const consumeAnswer = (payload: Record<string, unknown>) => {
  const producerId = String(payload.producerId);
  const info = [bobMic, carolCam, bobMic2].find((p) => p.producerId === producerId);
  if (!info) throw { code: ErrorCode.ProducerNotFound, message: 'no such producer' };
  const codecMimeType = info.kind === 'audio' ? 'audio/opus' : 'video/VP8';
  const fake = testFakeParameters.generateConsumerRemoteParameters({ codecMimeType });
  return {
    consumerId: `consumer-of-${producerId}`,
    producerId,
    peerId: info.peerId,
    kind: info.kind,
    source: info.source,
    rtpParameters: fake.rtpParameters,
    paused: true,
    producerPaused: info.paused,
  };
};

export const peer = (peerId: string, displayName: string, producers: ProducerInfo[] = [], role: ParticipantRole = 'guest'): PeerInfo => ({
  peerId,
  displayName,
  role,
  handRaised: false,
  away: false,
  producers,
});

/** A join (or resume) answer of the current contract. */
export const joinAnswer = (overrides: Partial<ResponsePayload<'join'>> = {}): ResponsePayload<'join'> => ({
  peerId: 'me',
  roomId: 'booth-1',
  role: 'guest',
  resumeKey: 'resume-key-0123456789',
  routerRtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() as ResponsePayload<'join'>['routerRtpCapabilities'],
  iceServers: [],
  peers: [],
  room: { locked: false, activeSpeakerPeerId: null, chat: [], lobby: [] },
  ...overrides,
});

export const baseHandlers: Record<string, Handler> = {
  join: (_payload, socket) => {
    // Pushes that overtake the join ack: the client must queue and replay them.
    socket.emit('peerJoined', { peer: peer('carol', 'Carol') });
    socket.emit('producerAdded', { producer: carolCam });
    return joinAnswer({ peers: [peer('bob', 'Bob', [bobMic])] });
  },
  createTransport: () => transportOptions(),
  consume: (payload) => consumeAnswer(payload),
  produce: (payload) => ({ producerId: `my-${String(payload.source)}-${++producerCount}` }),
};
let producerCount = 0;

export function until(client: MeetingClient, predicate: (s: MeetingSnapshot) => boolean): Promise<MeetingSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = client.getSnapshot();
      if (!predicate(snapshot)) return;
      unsubscribe();
      resolve(snapshot);
    };
    const unsubscribe = client.subscribe(check);
    check();
  });
}

export const resumed = (log: Array<{ name: string; payload: Record<string, unknown> }>) =>
  log.filter((r) => r.name === 'resumeConsumer').map((r) => r.payload.consumerId);
