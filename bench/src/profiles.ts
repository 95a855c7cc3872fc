import type { BookingOptions } from './booking/run.js';
import type { JoinOptions } from './join/run.js';
import type { RelayOptions } from './media/relay.js';
import type { MediaOptions } from './media/run.js';
import type { PageLoadOptions } from './pageLoad.js';
import type { SignalingOptions } from './signaling/run.js';
import type { StageEnginesOptions } from './stage/run.js';

export type Mode = 'smoke' | 'quick' | 'full';

export type Profile = {
  mode: Mode;
  /** Length of the busy-loop CPU probe at the start and end, ms. */
  cpuProbeMs: number;
  /** The whole run is killed past this (every loop is bounded anyway). */
  timeLimitSeconds: number;
  signaling: SignalingOptions;
  booking: BookingOptions;
  media: MediaOptions;
  relay: RelayOptions;
  join: JoinOptions;
  /** One publisher to K viewers on mediasoup and on LiveKit. */
  stageEngines: StageEnginesOptions;
  pageLoad: PageLoadOptions;
};

/** Synthetic camera (320 × 240, 10 frames/s) and a join deadline of 15 s. */
const joinMedia = { width: 320, height: 240, framesPerSecond: 10, timeoutMs: 15_000, settleMs: 2_000 };

const stream = { packetsPerSecond: 1000, packetBytes: 1000, maxLoss: 0.005, maxWorkerCpu: 0.9 };

/** Sizes per mode. smoke: ~1 min, for CI; quick: ~4 min; full: ~8 min. */
export const profiles: Record<Mode, Profile> = {
  smoke: {
    mode: 'smoke',
    pageLoad: { loads: 1 },
    cpuProbeMs: 300,
    // Two platform starts and a browser (page loads) besides the benchmarks: over 90 s on a busy 2-core machine.
    timeLimitSeconds: 150,
    signaling: {
      clients: [10],
      roomSize: 50,
      connectConcurrency: 10,
      pacedRatePerSecond: 100,
      pacedSeconds: 0.5,
      saturatedSeconds: 0.5,
      saturatedMaxPerClient: 2_000,
      settleMs: 100,
      warmupClients: 2,
    },
    booking: { connections: 5, seconds: 1, pacedRatePerSecond: 20, pacedSeconds: 0.5, warmupSeconds: 0 },
    media: { ...stream, consumers: [1, 2], warmupSeconds: 0.3, windowSeconds: 0.5, repeats: 1 },
    relay: { ...stream, consumers: [2], warmupSeconds: 0.3, windowSeconds: 0.5, repeats: 1 },
    join: { ...joinMedia, settleMs: 500, steps: [{ participants: 2, rounds: 1 }] },
    stageEngines: { viewers: [2], timeoutMs: 15_000, holdMs: 2_000 },
  },
  quick: {
    mode: 'quick',
    pageLoad: { loads: 5 },
    cpuProbeMs: 1000,
    timeLimitSeconds: 420,
    signaling: {
      clients: [100],
      roomSize: 50,
      connectConcurrency: 50,
      pacedRatePerSecond: 1000,
      pacedSeconds: 5,
      saturatedSeconds: 5,
      saturatedMaxPerClient: 20_000,
      settleMs: 500,
      warmupClients: 10,
    },
    booking: { connections: 20, seconds: 10, pacedRatePerSecond: 500, pacedSeconds: 5, warmupSeconds: 2 },
    media: { ...stream, consumers: [1, 10, 50], warmupSeconds: 1, windowSeconds: 2, repeats: 2 },
    relay: { ...stream, consumers: [10, 50], warmupSeconds: 1, windowSeconds: 2, repeats: 2 },
    join: {
      ...joinMedia,
      steps: [
        { participants: 2, rounds: 5 },
        { participants: 10, rounds: 2 },
        { participants: 50, rounds: 1, maxRemotePeers: 4 },
        { participants: 50, rounds: 1, maxRemotePeers: 4, audioOnly: true },
      ],
    },
    stageEngines: { viewers: [10, 50], timeoutMs: 30_000, holdMs: 10_000 },
  },
  full: {
    mode: 'full',
    pageLoad: { loads: 10 },
    cpuProbeMs: 1000,
    timeLimitSeconds: 1200,
    signaling: {
      clients: [100, 1000],
      roomSize: 50,
      connectConcurrency: 50,
      pacedRatePerSecond: 1000,
      pacedSeconds: 10,
      saturatedSeconds: 10,
      saturatedMaxPerClient: 50_000,
      settleMs: 1000,
      warmupClients: 50,
    },
    booking: { connections: 20, seconds: 30, pacedRatePerSecond: 500, pacedSeconds: 10, warmupSeconds: 3 },
    media: { ...stream, consumers: [1, 10, 50, 100, 200], warmupSeconds: 1, windowSeconds: 4, repeats: 2 },
    relay: { ...stream, consumers: [10, 50, 100], warmupSeconds: 1, windowSeconds: 4, repeats: 2 },
    join: {
      ...joinMedia,
      steps: [
        { participants: 2, rounds: 10 },
        { participants: 10, rounds: 3 },
        { participants: 50, rounds: 2, maxRemotePeers: 4 },
        { participants: 50, rounds: 2, maxRemotePeers: 4, audioOnly: true },
      ],
    },
    stageEngines: { viewers: [10, 50, 100], hdViewers: [10], timeoutMs: 60_000, holdMs: 10_000 },
  },
};
