import { MINUTE, type Instant } from './time.js';

/** Minutes after the start without the host before the booth's other staff are asked to step in. */
export const HANDOFF_AFTER_MINUTES = 3;
/** Minutes after the start without anyone taking the meeting before the guest is offered another time. */
export const REBOOK_AFTER_MINUTES = 6;

/**
 * Where a meeting's host is, as its waiting guest is told:
 * - `host-here`: the appointment's staff member is in the room;
 * - `waiting`: not yet, but it is early (or they left less than 3 minutes ago: a dropped connection comes back);
 * - `alerted`: the booked host has not come 3 minutes after the start; the booth's other staff are asked;
 * - `coming`: one of them took the meeting and is on the way;
 * - `nobody-free`: nobody took it within 6 minutes (or the booth has nobody else): the guest may pick another time.
 */
export type HostState = 'host-here' | 'waiting' | 'alerted' | 'coming' | 'nobody-free';

export type HostStateInput = {
  now: Instant;
  start: Instant;
  /** The appointment's staff member (the booked one, or whoever took it) is in the room now. */
  hostPresent: boolean;
  /** When they last left the room (undefined: never there, or there now). */
  hostLeftAt: Instant | undefined;
  /** Another staff member took the meeting over. */
  handedOver: boolean;
  /** Staff of the booth besides the appointment's host. */
  otherStaff: number;
};

export function hostState(i: HostStateInput): HostState {
  if (i.hostPresent) return 'host-here';
  if (i.handedOver) return 'coming';
  const grace = HANDOFF_AFTER_MINUTES * MINUTE;
  if (i.now < i.start + grace || (i.hostLeftAt !== undefined && i.now < i.hostLeftAt + grace)) return 'waiting';
  if (i.otherStaff === 0 || i.now >= i.start + REBOOK_AFTER_MINUTES * MINUTE) return 'nobody-free';
  return 'alerted';
}

/** Whether another staff member may take the meeting over now. */
export const mayTakeOver = (state: HostState): boolean => state === 'alerted' || state === 'nobody-free';
