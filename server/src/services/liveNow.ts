import { ErrorCode, type LiveNow } from '@ca/signaling';
import { HOUR } from '../domain/index.js';
import { AppError } from '../errors.js';
import { APPOINTMENT_ROOM_PREFIX, BOOTH_ROOM_PREFIX, roomKind, STAGE_ROOM_PREFIX } from '../meeting/roomKinds.js';
import type { Store } from '../store/index.js';
import type { AuthenticatedUser } from './auth.js';
import { iso, type Clock } from './clock.js';

/**
 * A presence row older than this is a crashed node's leftover (a live meeting that long is not a
 * booth meeting or a talk), so the live view leaves it out.
 */
const STALE_AFTER_MS = 12 * HOUR;

type Counts = { openRooms: number; inMeetings: number; stageViewers: number };

/**
 * What is happening at an event now, for its organizers: open rooms, people in booth meetings and
 * walk-ins, people on and in front of stages, per hall. Read from the attendance rows every media
 * server keeps (present now = `present_since` set), so it covers every node of a cluster and LiveKit
 * stages alike.
 */
export class LiveNowService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async forEvent(user: AuthenticatedUser, eventId: string): Promise<LiveNow> {
    if (user.role !== 'organizer') throw new AppError(ErrorCode.Forbidden, 'only organizers see the live view');
    if (!(await this.store.expo.event(eventId))) throw new AppError(ErrorCode.NotFound, 'no such event');
    const now = this.clock.now();
    const [booths, halls, talks, present] = await Promise.all([
      this.store.expo.booths(eventId),
      this.store.expo.halls(eventId),
      this.store.agenda.forEvent(eventId),
      this.store.analytics.presentBetween(iso(now - STALE_AFTER_MS), iso(now)),
    ]);
    const hallOfBooth = new Map(booths.map((b) => [b.id, b.hall_id]));
    const hallOfTalk = new Map(talks.map((t) => [t.id, t.hall_id]));
    const appointmentIds = present.filter((p) => roomKind(p.room_id) === 'appointment').map((p) => p.room_id.slice(APPOINTMENT_ROOM_PREFIX.length));
    // One read for every meeting going on (the view is polled every few seconds).
    const appointments = await this.store.appointments.byIds([...new Set(appointmentIds)]);
    const hallOfAppointment = new Map(appointments.map((a) => [a.id, hallOfBooth.get(a.booth_id)]));

    const hallOfRoom = (roomId: string): string | undefined => {
      switch (roomKind(roomId)) {
        case 'appointment':
          return hallOfAppointment.get(roomId.slice(APPOINTMENT_ROOM_PREFIX.length));
        case 'booth':
          return hallOfBooth.get(roomId.slice(BOOTH_ROOM_PREFIX.length));
        case 'stage':
          return hallOfTalk.get(roomId.slice(STAGE_ROOM_PREFIX.length));
        default:
          return undefined;
      }
    };
    const perHall = new Map<string, Counts & { rooms: Set<string> }>(
      halls.map((h) => [h.id, { openRooms: 0, inMeetings: 0, stageViewers: 0, rooms: new Set<string>() }]),
    );
    for (const row of present) {
      const counts = perHall.get(hallOfRoom(row.room_id) ?? '');
      if (!counts) continue; // another event's room, or a demo room
      counts.rooms.add(row.room_id);
      if (roomKind(row.room_id) === 'stage') counts.stageViewers += 1;
      else counts.inMeetings += 1;
    }
    const hallCounts = halls.map((h) => {
      const { rooms, ...counts } = perHall.get(h.id)!;
      return { hallId: h.id, name: h.name, ...counts, openRooms: rooms.size };
    });
    const sum = (pick: (c: Counts) => number) => hallCounts.reduce((n, c) => n + pick(c), 0);
    return {
      at: iso(now),
      openRooms: sum((c) => c.openRooms),
      inMeetings: sum((c) => c.inMeetings),
      stageViewers: sum((c) => c.stageViewers),
      halls: hallCounts,
    };
  }
}
