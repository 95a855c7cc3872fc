import { typicalWalkInMinutes, WALK_IN_SAMPLE } from '../domain/index.js';
import { boothRoomId } from '../meeting/roomKinds.js';
import type { Store } from '../store/index.js';
import type { Clock } from './clock.js';

/** How long a booth's typical walk-in meeting is read again (a line updates far more often). */
const CACHE_MS = 60_000;

/**
 * The typical length of each booth's walk-in meetings, from the media server's attendance of its
 * walk-in room (guests' visits that ended, newest first), cached for a minute per booth.
 */
export class WalkInTimes {
  readonly #cache = new Map<string, { minutes: number; at: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async typicalMinutes(boothId: string): Promise<number> {
    const now = this.clock.now();
    const cached = this.#cache.get(boothId);
    if (cached && now - cached.at < CACHE_MS) return cached.minutes;
    const rows = await this.store.analytics.attendanceIn([boothRoomId(boothId)]);
    const visits = rows
      .filter((r) => r.role !== 'host' && r.last_leave_at !== null && r.present_since === null)
      .sort((a, b) => b.last_leave_at!.localeCompare(a.last_leave_at!))
      .slice(0, WALK_IN_SAMPLE)
      .map((r) => r.seconds);
    const minutes = typicalWalkInMinutes(visits);
    this.#cache.set(boothId, { minutes, at: now });
    return minutes;
  }
}
