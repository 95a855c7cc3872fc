/** IPC between the join bench (parent) and its peers process (child). */
import type { JoinOutcome } from './participant.js';

/** What the parent passes in BENCH_JOIN_OPTIONS (JSON). */
export type PeersOptions = {
  url: string;
  roomId: string;
  participants: number;
  /** Remote participants (camera and microphone) each participant consumes at most; null = all N − 1. */
  maxRemotePeers: number | null;
  /** A join that has not decoded a remote video frame (audio only: heard) by then has failed. */
  timeoutMs: number;
  /** Microphones only (no video encoders or decoders in the load generator). */
  audioOnly: boolean;
  width: number;
  height: number;
  framesPerSecond: number;
  /** After the last first frame (or timeout), wait at most this long for every participant to see all N − 1 cameras. */
  settleMs: number;
};

export type PeersMessage =
  | {
      type: 'result';
      outcomes: JoinOutcome[];
      /** Wall time from the first connect to the last settled join, ms. */
      wallMs: number;
      /** This process's CPU over that time (wrtc's encoders, decoders, SRTP, ICE, and the JS), fraction of one core. */
      cpu: number;
    }
  /** One join settled (sent as it happens, so a process that hangs later still reports it). */
  | { type: 'outcome'; outcome: JoinOutcome }
  | { type: 'error'; message: string };

export const PEERS_OPTIONS_ENV = 'BENCH_JOIN_OPTIONS';
