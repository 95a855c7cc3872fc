import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  type RemoteTrack,
} from '@livekit/rtc-node';

/** A LiveKit participant in this process (@livekit/rtc-node: LiveKit's own WebRTC stack, as its Rust SDK). */
export type LiveKitPeer = {
  room: Room;
  /** Publishes a synthetic 320x180 camera (I420 frames at 15 fps); rejects when LiveKit refuses. */
  publishCamera: () => Promise<string>;
  /** Publishes a synthetic microphone (a 440 Hz tone, 10 ms frames), or under `name` another audio track (an interpretation channel); rejects when LiveKit refuses. */
  publishMicrophone: (name?: string) => Promise<string>;
  /** Resolves when `count` video frames from `identity` were received and decoded. */
  decodedFrames: (identity: string, count: number, timeoutMs?: number) => Promise<{ width: number; height: number }>;
  /** Identities LiveKit last named the active speakers. */
  activeSpeakers: () => string[];
  /** Resolves when LiveKit disconnects this peer (e.g. removed by a host). */
  disconnected: Promise<unknown>;
  close: () => Promise<void>;
};

const WIDTH = 320;
const HEIGHT = 180;

export async function joinLiveKit(url: string, token: string): Promise<LiveKitPeer> {
  const room = new Room();
  const timers: NodeJS.Timeout[] = [];
  const tracks = new Map<string, RemoteTrack[]>();
  room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
    tracks.set(participant.identity, [...(tracks.get(participant.identity) ?? []), track]);
  });
  let speakers: string[] = [];
  room.on(RoomEvent.ActiveSpeakersChanged, (list) => (speakers = list.map((p) => p.identity)));
  const disconnected = new Promise((resolve) => room.once(RoomEvent.Disconnected, resolve));
  await room.connect(url, token, { autoSubscribe: true, dynacast: true });
  const local = () => {
    const participant = room.localParticipant;
    if (!participant) throw new Error('not connected');
    return participant;
  };
  const publishCamera = async () => {
    const source = new VideoSource(WIDTH, HEIGHT);
    const track = LocalVideoTrack.createVideoTrack('camera', source);
    const options = new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA, simulcast: true });
    const publication = await local().publishTrack(track, options);
    const data = new Uint8Array((WIDTH * HEIGHT * 3) / 2);
    let n = 0;
    timers.push(
      setInterval(() => {
        data.fill(n++ % 255, 0, WIDTH * HEIGHT);
        source.captureFrame(new VideoFrame(data, WIDTH, HEIGHT, VideoBufferType.I420));
      }, 66),
    );
    return publication.sid ?? '';
  };
  const publishMicrophone = async (name?: string) => {
    const source = new AudioSource(48_000, 1);
    const track = LocalAudioTrack.createAudioTrack(name ?? 'microphone', source);
    const options = new TrackPublishOptions({ source: name ? TrackSource.SOURCE_UNKNOWN : TrackSource.SOURCE_MICROPHONE });
    const publication = await local().publishTrack(track, options);
    let t = 0;
    timers.push(
      setInterval(() => {
        const samples = new Int16Array(480);
        for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * t++) / 48_000));
        void source.captureFrame(new AudioFrame(samples, 48_000, 1, samples.length)).catch(() => undefined);
      }, 10),
    );
    return publication.sid ?? '';
  };
  const decodedFrames = async (identity: string, count: number, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    let video: RemoteTrack | undefined;
    while (!(video = tracks.get(identity)?.find((t) => t.kind === TrackKind.KIND_VIDEO))) {
      if (Date.now() > deadline) throw new Error(`no video track from ${identity} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const reader = new VideoStream(video).getReader();
    let received = 0;
    const timer = setTimeout(() => void reader.cancel(), Math.max(0, deadline - Date.now()));
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`only ${received} of ${count} frames from ${identity} within ${timeoutMs} ms`);
        if (++received >= count) return { width: value.frame.width, height: value.frame.height };
      }
    } finally {
      clearTimeout(timer);
      reader.releaseLock();
    }
  };
  const close = async () => {
    for (const timer of timers) clearInterval(timer);
    await room.disconnect();
  };
  return { room, publishCamera, publishMicrophone, decodedFrames, activeSpeakers: () => speakers, disconnected, close };
}
