/**
 * Child process (run by tsx, see mediaSender.ts): one meeting participant in Node that sends real
 * WebRTC media — VP8 from a synthetic camera (a moving bar) and Opus from a 440 Hz tone, encoded by
 * @roamhq/wrtc, through mediasoup-client — so the server's worker receives real RTP. It answers a
 * recording consent question as told, reports over IPC, and leaves on the parent's 'leave'.
 * wrtc may crash while Node tears down, so it ends itself with process.exit after closing.
 */
import wrtc from '@roamhq/wrtc';
import { Device, type types as ms } from 'mediasoup-client';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, SOCKET_PATH, type Ack } from '@ca/signaling';

export type SenderOptions = { url: string; roomId: string; token: string; displayName: string; consent: boolean | null };
export type SenderMessage =
  | { type: 'producing'; peerId: string }
  | { type: 'consentAsked' }
  | { type: 'recording'; recording: boolean }
  | { type: 'consentNoted'; recorded: boolean }
  | { type: 'ack'; id: number; ack: Ack<unknown> }
  | { type: 'error'; message: string };

for (const name of ['RTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate', 'MediaStream', 'MediaStreamTrack'] as const) {
  Object.assign(globalThis, { [name]: wrtc[name] });
}
const options = JSON.parse(process.env.CA_SENDER ?? '{}') as SenderOptions;
const tell = (message: SenderMessage) => process.send?.(message);

const { RTCAudioSource, RTCVideoSource } = wrtc.nonstandard;
const video = new RTCVideoSource();
const audio = new RTCAudioSource();
const width = 320;
const height = 240;
let frame = 0;
const videoTimer = setInterval(() => {
  const data = new Uint8Array((width * height * 3) / 2);
  const bar = (frame++ * 8) % width;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = Math.abs(x - bar) < 16 ? 235 : 60;
  data.fill(128, width * height);
  video.onFrame({ width, height, data });
}, 1000 / 15);
const tone = Int16Array.from({ length: 480 }, (_, i) => Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / 48_000)));
const t0 = performance.now();
let sent = 0;
const audioTimer = setInterval(() => {
  for (const due = Math.floor((performance.now() - t0) / 10); sent < due; sent++) {
    audio.onData({ samples: tone, sampleRate: 48_000, bitsPerSample: 16, channelCount: 1, numberOfFrames: 480 });
  }
}, 10);

const socket = io(options.url, { path: SOCKET_PATH, auth: { protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], reconnection: false });
const request = <T>(name: string, payload: unknown): Promise<T> =>
  new Promise((resolve, reject) => {
    socket.emit(name, payload, (ack: Ack<T>) => (ack.ok ? resolve(ack.data) : reject(new Error(`${name}: ${ack.error.code} ${ack.error.message}`))));
  });

socket.on('recordingChanged', ({ recording }: { recording: boolean }) => tell({ type: 'recording', recording }));
socket.on('recordingConsentNoted', ({ recorded }: { recorded: boolean }) => tell({ type: 'consentNoted', recorded }));
socket.on('recordingConsentRequested', () => {
  tell({ type: 'consentAsked' });
  if (options.consent !== null)
    void request('recordingConsent', { consent: options.consent }).catch((e: Error) => tell({ type: 'error', message: e.message }));
});

/** A send transport on the room's router, with the camera and microphone produced on it. */
async function sendMedia(routerRtpCapabilities: ms.RtpCapabilities): Promise<ms.Transport> {
  const device = new Device({ handlerName: 'Chrome111' });
  await device.load({ routerRtpCapabilities });
  const params = await request<ms.TransportOptions>('createTransport', { direction: 'send' });
  const transport = device.createSendTransport(params);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request('connectTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    request<{ producerId: string }>('produce', { transportId: transport.id, kind, source: appData.source, rtpParameters }).then(
      ({ producerId }) => callback({ id: producerId }),
      errback,
    );
  });
  type Track = ms.Producer['track'];
  await transport.produce({ track: video.createTrack() as unknown as Track, appData: { source: 'camera' } });
  await transport.produce({ track: audio.createTrack() as unknown as Track, appData: { source: 'microphone' } });
  return transport;
}

async function main(): Promise<void> {
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const joined = await request<{ peerId: string; routerRtpCapabilities: ms.RtpCapabilities }>('join', {
    roomId: options.roomId,
    displayName: options.displayName,
    token: options.token,
  });
  let transport = await sendMedia(joined.routerRtpCapabilities);
  // The server's worker died and the room moved to a new one: send again there (a gap in the recording, not a lost file).
  socket.on('mediaReset', ({ routerRtpCapabilities }: { routerRtpCapabilities: ms.RtpCapabilities }) => {
    transport.close();
    sendMedia(routerRtpCapabilities).then(
      (next) => {
        transport = next;
        tell({ type: 'producing', peerId: joined.peerId });
      },
      (e: Error) => tell({ type: 'error', message: e.message }),
    );
  });
  tell({ type: 'producing', peerId: joined.peerId });
  process.on('message', (message: 'leave' | { id: number; name: string; payload: unknown }) => {
    if (typeof message === 'object') {
      socket.emit(message.name, message.payload, (ack: Ack<unknown>) => tell({ type: 'ack', id: message.id, ack }));
      return;
    }
    if (message !== 'leave') return;
    clearInterval(videoTimer);
    clearInterval(audioTimer);
    transport.close();
    socket.disconnect();
    setTimeout(() => process.exit(0), 100);
  });
}

main().catch((error: unknown) => {
  tell({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  setTimeout(() => process.exit(1), 100);
});
