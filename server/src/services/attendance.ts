import type { Attendance, Presence } from '@ca/signaling';
import { summarizeQuality, type AttendancePort, type QualitySample } from '../domain/index.js';
import type { Logger } from '../logger.js';
import { appointmentRoomId } from '../meeting/roomKinds.js';
import { secondsUntil } from '../store/attendance.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow, AttendanceRow } from '../store/schema.js';
import { iso, type Clock } from './clock.js';

/** Reports kept per person and meeting for the median (an hour at one every 5 s). */
const MAX_SAMPLES = 720;
/** The summary is written with the first report and then every this many (and when they leave). */
const WRITE_EVERY = 6;
/** People-in-rooms whose reports are kept (a rejoin continues their median); the oldest go first. */
const MAX_KEYS = 10_000;

/** Each side's attendance row of an appointment's meeting (undefined: never joined). */
export type AttendanceSides = { guest: AttendanceRow | undefined; staff: AttendanceRow | undefined };

/**
 * Attendance from the media server, behind the `AttendancePort` any media server feeds
 * (our rooms through `media/attendanceFeed`, LiveKit webhooks later). Writes for one room and
 * person run in order (a chain per key); failures are logged, never thrown at the caller.
 */
export class AttendanceService implements AttendancePort {
  readonly #chains = new Map<string, Promise<void>>();
  readonly #samples = new Map<string, QualitySample[]>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  joined(event: { roomId: string; userId: string; role: string; at: number }): void {
    this.#run(event, () => this.store.attendance.joined({ ...event, at: iso(toSecond(event.at)) }));
  }

  left(event: { roomId: string; userId: string; at: number }): void {
    this.#run(event, async () => {
      await this.store.attendance.left({ ...event, at: iso(toSecond(event.at)) });
      await this.#writeQuality(event.roomId, event.userId);
    });
  }

  quality(event: { roomId: string; userId: string; sample: QualitySample }): void {
    const key = keyOf(event);
    const samples = this.#samples.get(key) ?? [];
    samples.push(event.sample);
    if (samples.length > MAX_SAMPLES) samples.shift();
    this.#samples.set(key, samples);
    if (this.#samples.size > MAX_KEYS) this.#samples.delete(this.#samples.keys().next().value!);
    if (samples.length % WRITE_EVERY === 1) this.#run(event, () => this.#writeQuality(event.roomId, event.userId));
  }

  /** Resolves once every write asked for so far is done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#chains.size > 0) await Promise.all([...this.#chains.values()]);
  }

  /** The guest's and the staff side's rows of an appointment's meeting (its group's room, whichever booking opened it). */
  async sides(row: AppointmentRow): Promise<AttendanceSides> {
    const meeting = await this.store.appointments.meetingOf(row);
    const rows = await this.store.attendance.forRooms(meeting.map((m) => appointmentRoomId(m.id)));
    const booked = await this.store.expo.staffMember(row.staff_id);
    const hosts = rows.filter((r) => r.role === 'host');
    return {
      guest: rows.find((r) => r.user_id === row.guest_id),
      // The booked staff member, or whoever of the booth's staff took the meeting over.
      staff: hosts.find((r) => r.user_id === booked?.user_id) ?? hosts[0],
    };
  }

  /** An appointment's attendance as its participants see it. */
  async forAppointment(row: AppointmentRow): Promise<Attendance> {
    const sides = await this.sides(row);
    const now = iso(toSecond(this.clock.now()));
    return { guest: sides.guest ? presenceDto(sides.guest, now) : null, staff: sides.staff ? presenceDto(sides.staff, now) : null };
  }

  async #writeQuality(roomId: string, userId: string): Promise<void> {
    const samples = this.#samples.get(keyOf({ roomId, userId }));
    if (!samples || samples.length === 0) return;
    await this.store.attendance.setQuality(roomId, userId, JSON.stringify(summarizeQuality(samples)));
  }

  #run(event: { roomId: string; userId: string }, write: () => Promise<void>): void {
    const key = keyOf(event);
    const next = (this.#chains.get(key) ?? Promise.resolve())
      .then(write)
      .catch((err: unknown) => this.log.error({ err, roomId: event.roomId }, 'attendance write failed'))
      .finally(() => {
        if (this.#chains.get(key) === next) this.#chains.delete(key);
      });
    this.#chains.set(key, next);
  }
}

/** Attendance is kept to the second. */
const toSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

const keyOf = (e: { roomId: string; userId: string }) => `${e.roomId}\u0000${e.userId}`;

function presenceDto(row: AttendanceRow, now: string): Presence {
  return {
    joinedAt: row.first_join_at,
    leftAt: row.present_since === null ? row.last_leave_at : null,
    seconds: secondsUntil(row, now),
    quality: row.quality === null ? null : (JSON.parse(row.quality) as Presence['quality']),
  };
}
