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
  /** A viewer without a decoded frame by then has failed. */
  timeoutMs: number;
  /** Steady forwarding after every viewer joined, over which the parent reads server CPU. */
  holdMs: number;
};

export type StagePeersMessage =
  { type: 'joined'; joinMs: (number | null)[]; errors: string[] } | { type: 'done' } | { type: 'error'; message: string };

export const STAGE_OPTIONS_ENV = 'BENCH_STAGE_OPTIONS';
