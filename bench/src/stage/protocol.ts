/** IPC between the stage-engines bench (parent) and its peers process (child). */

/** What the parent passes in BENCH_STAGE_OPTIONS (JSON). */
export type StagePeersOptions = {
  engine: 'mediasoup' | 'livekit';
  /** Platform URL (mediasoup) or LiveKit WebSocket URL. */
  url: string;
  /** mediasoup: the instant room's id. */
  roomId: string;
  /** LiveKit: one token for the publisher, then one per viewer. */
  tokens: string[];
  viewers: number;
  /** The publisher's camera, pixels (its frame rate is 15/s). */
  width: number;
  height: number;
  /** A viewer without a decoded frame by then has failed. */
  timeoutMs: number;
  /** Steady forwarding after every viewer joined, over which the parent reads server CPU (at least; the parent says when it is over). */
  holdMs: number;
};

/** Video packets the viewers received and lost so far (counted by the viewers; null where their stack has no RTP stats). */
export type ViewerPackets = { packets: number; lost: number } | null;

export type StagePeersMessage =
  | { type: 'joined'; joinMs: (number | null)[]; errors: string[]; received: ViewerPackets }
  | { type: 'done'; received: ViewerPackets }
  | { type: 'error'; message: string };

/** Parent → child: the measuring window is over; report and leave. */
export type StageParentMessage = { type: 'finish' };

export const STAGE_OPTIONS_ENV = 'BENCH_STAGE_OPTIONS';
