import type { WebhookEvent } from 'livekit-server-sdk';
import type { PresenceTracker } from '../realtime/presence.js';

/** One participant entering or leaving a room, at a UTC instant (epoch ms). */
export type AttendanceEvent = { roomId: string; userId: string; at: number };

/**
 * Where attendance goes (the attendance records of mediasoup rooms take the same two calls).
 * Default: nowhere but the live counts and presence kept here.
 */
export type AttendancePort = {
  joined(event: AttendanceEvent): void;
  left(event: AttendanceEvent): void;
};

export type StageAttendanceOptions = {
  /** The "live" presence our mediasoup rooms feed too. */
  presence: PresenceTracker;
  attendance?: AttendancePort;
  /** Fallback instant when an event has no creation time. Epoch ms. */
  now: () => number;
  /** The real wall clock LiveKit stamps its events with. Default Date.now. */
  wallClock?: () => number;
};

type Visit = { sid: string; leave: () => void };

/**
 * Live counts and attendance of LiveKit stages, from LiveKit's (verified) webhooks. Each visit
 * is keyed by the participant's sid, so a retried or late `participant_joined` after its
 * `participant_left` changes nothing, and a reconnect with the same identity replaces the visit.
 */
export class StageAttendance {
  readonly #options: StageAttendanceOptions;
  /** room -> identity -> the current visit. */
  readonly #rooms = new Map<string, Map<string, Visit>>();
  /** Visits that ended (by sid), so a late join is not counted. Bounded. */
  readonly #ended = new Set<string>();

  constructor(options: StageAttendanceOptions) {
    this.#options = options;
  }

  /** People in a LiveKit room right now. */
  count(roomId: string): number {
    return this.#rooms.get(roomId)?.size ?? 0;
  }

  apply(event: WebhookEvent): void {
    const roomId = event.room?.name;
    if (!roomId) return;
    // When it happened, on the platform's clock: LiveKit stamps its wall time; a late or retried webhook keeps its age.
    const wall = this.#options.wallClock ?? Date.now;
    const age = event.createdAt ? Math.max(0, wall() - Number(event.createdAt) * 1000) : 0;
    const at = this.#options.now() - age;
    if (event.event === 'room_finished') {
      for (const [userId, visit] of this.#rooms.get(roomId) ?? []) this.#end(roomId, userId, visit, at);
      this.#rooms.delete(roomId);
      return;
    }
    const participant = event.participant;
    if (!participant?.identity || !participant.sid) return;
    if (event.event === 'participant_joined') this.#join(roomId, participant.identity, participant.sid, at);
    else if (event.event === 'participant_left') this.#leave(roomId, participant.identity, participant.sid, at);
  }

  #join(roomId: string, userId: string, sid: string, at: number): void {
    if (this.#ended.has(sid)) return;
    const visits = this.#rooms.get(roomId) ?? new Map<string, Visit>();
    this.#rooms.set(roomId, visits);
    const current = visits.get(userId);
    if (current?.sid === sid) return;
    if (current) this.#end(roomId, userId, current, at);
    visits.set(userId, { sid, leave: this.#options.presence.enter(userId) });
    this.#options.attendance?.joined({ roomId, userId, at });
  }

  #leave(roomId: string, userId: string, sid: string, at: number): void {
    const visits = this.#rooms.get(roomId);
    const current = visits?.get(userId);
    if (!visits || current?.sid !== sid) {
      this.#remember(sid);
      return;
    }
    visits.delete(userId);
    if (visits.size === 0) this.#rooms.delete(roomId);
    this.#end(roomId, userId, current, at);
  }

  #end(roomId: string, userId: string, visit: Visit, at: number): void {
    this.#remember(visit.sid);
    visit.leave();
    this.#options.attendance?.left({ roomId, userId, at });
  }

  #remember(sid: string): void {
    this.#ended.add(sid);
    if (this.#ended.size > 10_000) {
      const oldest = this.#ended.values().next().value;
      if (oldest !== undefined) this.#ended.delete(oldest);
    }
  }
}
