import type { IceServer } from '@ca/signaling';
import type { types as ms } from 'mediasoup-client';
import type { SignalingClient } from '../api/signaling';
import type { NoticeAction } from './meetingTypes';

/** Thrown inside async flows when the meeting ended (or its media was reset) while they waited. Never surfaces. */
export class Ended extends Error {}

/**
 * What the sending and receiving halves of a meeting share with the MeetingClient
 * that owns them: the signaling connection, the current Device and ICE servers,
 * and the ways to publish state and report problems.
 */
export type MeetingContext = {
  readonly signaling: SignalingClient;
  /** The Device of the current media session; null before the join and during a reset. */
  device(): ms.Device | null;
  iceServers(): readonly IceServer[];
  /** The meeting is over (left, ended, failed). */
  ended(): boolean;
  /** Joined and connected: requests can be sent. */
  live(): boolean;
  /** Publishes a new snapshot. */
  emit(): void;
  notify(action: NoticeAction, error: unknown, subject?: string): void;
  /** A transport's ICE connection failed or stalled. */
  onStaleTransport(transport: ms.Transport): void;
};
