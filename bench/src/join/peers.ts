/**
 * Child process: N simulated participants (real WebRTC through @roamhq/wrtc) join one
 * room of the platform at once; reports each join's timings to the parent over IPC.
 *
 * wrtc tends to crash while Node tears down at exit, so this process closes everything,
 * sends its result, and then ends itself with process.exit(): the parent only trusts the
 * 'result' message, never the exit code.
 */
import wrtc from '@roamhq/wrtc';
import { Participant } from './participant.js';
import { PEERS_OPTIONS_ENV, type PeersMessage, type PeersOptions } from './protocol.js';
import { SyntheticMedia } from './syntheticMedia.js';

const send = (message: PeersMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });

function installWebRtcGlobals(): void {
  const names = [
    'RTCPeerConnection',
    'RTCSessionDescription',
    'RTCIceCandidate',
    'MediaStream',
    'MediaStreamTrack',
    'RTCRtpSender',
    'RTCRtpReceiver',
    'RTCRtpTransceiver',
  ] as const;
  for (const name of names) Object.assign(globalThis, { [name]: wrtc[name] });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const raw = process.env[PEERS_OPTIONS_ENV];
  if (!raw) throw new Error(`${PEERS_OPTIONS_ENV} is not set; this file is started by the bench`);
  const options = JSON.parse(raw) as PeersOptions;
  installWebRtcGlobals();
  const media = new SyntheticMedia(options);
  media.start();

  const participants = Array.from(
    { length: options.participants },
    (_, index) =>
      new Participant({
        url: options.url,
        roomId: options.roomId,
        index,
        roomSize: options.participants,
        ...(options.maxRemotePeers === null ? {} : { maxRemotePeers: options.maxRemotePeers }),
        tracks: media.tracks(),
        audioOnly: options.audioOnly,
      }),
  );
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    participants.map(async (participant) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no remote ${options.audioOnly ? 'audio' : 'video frame'} within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        );
      });
      try {
        await Promise.race([participant.join(), deadline]);
      } catch (error) {
        participant.fail(error instanceof Error ? error.message : String(error));
      } finally {
        clearTimeout(timer);
      }
      void send({ type: 'outcome', outcome: participant.outcome() });
    }),
  );
  // Give the slower cameras a moment to reach everyone (for `allRemoteMedia`), within the budget.
  const settleUntil = performance.now() + options.settleMs;
  while (performance.now() < settleUntil && participants.some((p) => p.outcome().error === null && p.timings.allRemoteMedia === null)) {
    await sleep(50);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const outcomes = participants.map((p) => p.outcome());
  // The result first: closing 100 wrtc peer connections on a starved machine can take long.
  await send({ type: 'result', outcomes, wallMs, cpu: (cpu.user + cpu.system) / 1000 / wallMs });
  for (const participant of participants) participant.close();
  media.stop();
  await sleep(200);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
