/**
 * Child process of the stage-engines bench: one publisher and K viewers on one engine.
 * mediasoup: socket.io-client + mediasoup-client over @roamhq/wrtc (libwebrtc M9x, VP8, our
 * protocol). LiveKit: @livekit/rtc-node (LiveKit's Rust SDK over a recent libwebrtc, its own
 * signaling). Each viewer's join time is connect start → first decoded video frame.
 * Ends itself with process.exit() (both native stacks may crash at teardown).
 */
import { performance } from 'node:perf_hooks';
import { STAGE_OPTIONS_ENV, type StagePeersMessage, type StageParentMessage, type StagePeersOptions, type ViewerPackets } from './protocol.js';

const send = (message: StagePeersMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Engine = {
  publish: () => Promise<void>;
  view: (index: number) => Promise<number>;
  /** Video packets received and lost by every viewer so far; null: the stack has no RTP stats. */
  received: () => Promise<ViewerPackets>;
  close: () => Promise<void>;
};

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no video frame within ${ms} ms`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function mediasoupEngine(options: StagePeersOptions): Promise<Engine> {
  const { default: wrtc } = await import('@roamhq/wrtc');
  for (const name of [
    'RTCPeerConnection',
    'RTCSessionDescription',
    'RTCIceCandidate',
    'MediaStream',
    'MediaStreamTrack',
    'RTCRtpSender',
    'RTCRtpReceiver',
    'RTCRtpTransceiver',
  ] as const) {
    Object.assign(globalThis, { [name]: wrtc[name] });
  }
  const { Participant } = await import('../join/participant.js');
  const { SyntheticMedia } = await import('../join/syntheticMedia.js');
  const media = new SyntheticMedia({ width: options.width, height: options.height, framesPerSecond: 15 });
  media.start();
  const all: InstanceType<typeof Participant>[] = [];
  const viewers: InstanceType<typeof Participant>[] = [];
  const make = (index: number, publish: boolean) => {
    const p = new Participant({ url: options.url, roomId: options.roomId, index, roomSize: 2, tracks: media.tracks(), publish });
    all.push(p);
    if (!publish) viewers.push(p);
    return p;
  };
  return {
    publish: async () => {
      const publisher = make(0, true);
      // join() resolves on a remote frame; the publisher has none, so it is done once produced.
      let failure: unknown;
      void publisher.join().catch((error: unknown) => (failure = error));
      const deadline = performance.now() + options.timeoutMs;
      while (publisher.timings.produced === null) {
        if (failure !== undefined || performance.now() > deadline) throw new Error(`publisher: ${String(failure ?? 'not produced in time')}`);
        await sleep(20);
      }
    },
    view: async (index) => {
      const viewer = make(index, false);
      await viewer.join();
      return viewer.timings.firstRemoteMedia ?? Number.NaN;
    },
    received: async () => {
      const each = await Promise.all(viewers.map((v) => v.videoReceived()));
      return each.reduce((sum, r) => ({ packets: sum.packets + r.packets, lost: sum.lost + r.lost }), { packets: 0, lost: 0 });
    },
    close: async () => {
      for (const p of all) p.close();
      media.stop();
    },
  };
}

async function livekitEngine(options: StagePeersOptions): Promise<Engine> {
  const lk = await import('@livekit/rtc-node');
  const rooms: InstanceType<typeof lk.Room>[] = [];
  let timer: NodeJS.Timeout | undefined;
  return {
    publish: async () => {
      const room = new lk.Room();
      rooms.push(room);
      await room.connect(options.url, options.tokens[0] ?? '', { autoSubscribe: false, dynacast: true });
      const [w, h] = [options.width, options.height];
      const source = new lk.VideoSource(w, h);
      const track = lk.LocalVideoTrack.createVideoTrack('camera', source);
      await room.localParticipant?.publishTrack(track, new lk.TrackPublishOptions({ source: lk.TrackSource.SOURCE_CAMERA, simulcast: true }));
      const data = new Uint8Array((w * h * 3) / 2);
      let n = 0;
      timer = setInterval(() => {
        data.fill(n++ % 255, 0, w * h);
        source.captureFrame(new lk.VideoFrame(data, w, h, lk.VideoBufferType.I420));
      }, 66);
    },
    view: async (index) => {
      const t0 = performance.now();
      const room = new lk.Room();
      rooms.push(room);
      const track = new Promise<InstanceType<typeof lk.RemoteVideoTrack>>((resolve) =>
        room.on(lk.RoomEvent.TrackSubscribed, (t) => {
          if (t.kind === lk.TrackKind.KIND_VIDEO) resolve(t as InstanceType<typeof lk.RemoteVideoTrack>);
        }),
      );
      await room.connect(options.url, options.tokens[index] ?? '', { autoSubscribe: true, dynacast: true });
      const reader = new lk.VideoStream(await track).getReader();
      await reader.read();
      const ms = performance.now() - t0;
      void reader.cancel();
      return ms;
    },
    // rtc-node has no RTP statistics: the parent reads livekit-server's own packet counters instead.
    received: () => Promise.resolve(null),
    close: async () => {
      clearInterval(timer);
      await Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined)));
    },
  };
}

async function main(): Promise<void> {
  const raw = process.env[STAGE_OPTIONS_ENV];
  if (!raw) throw new Error(`${STAGE_OPTIONS_ENV} is not set; this file is started by the bench`);
  const options = JSON.parse(raw) as StagePeersOptions;
  const engine = options.engine === 'mediasoup' ? await mediasoupEngine(options) : await livekitEngine(options);
  await engine.publish();
  const errors: string[] = [];
  const joinMs = await Promise.all(
    Array.from({ length: options.viewers }, (_, i) =>
      withDeadline(engine.view(i + 1), options.timeoutMs).catch((error: unknown) => {
        errors.push(error instanceof Error ? error.message : String(error));
        return null;
      }),
    ),
  );
  const finish = new Promise<void>((resolve) => process.on('message', (m: StageParentMessage) => m.type === 'finish' && resolve()));
  await send({ type: 'joined', joinMs, errors, received: await engine.received() });
  await finish;
  await send({ type: 'done', received: await engine.received() });
  await Promise.race([engine.close(), sleep(3000)]);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
