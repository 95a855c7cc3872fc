import { ErrorCode, type Handoff, type HostStatus } from '@ca/signaling';
import { HANDOFF_AFTER_MINUTES, hostState, mayTakeOver, MINUTE, parseInstant, type HostState } from '../domain/index.js';
import { AppError } from '../errors.js';
import { appointmentRoomId } from '../meeting/roomKinds.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow } from '../store/schema.js';
import type { AuthenticatedUser } from './auth.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/** How far back a still-running meeting may have started (the longest meeting length offered). */
const LONGEST_MEETING_MS = 4 * 60 * MINUTE;

/** A meeting as the hand-off sees it: its state, whether the guest is in the room, and names. */
type Meeting = { state: HostState; guestPresent: boolean; hostName: string };

/**
 * No-show hand-off: a guest waits in the meeting room and the booked host has not come 3 minutes
 * after the start. The booth's other staff see the waiting guest (polled by their app) and one can
 * take the meeting over with one click; the guest sees who is coming. Nobody took it within 6
 * minutes (or the booth has nobody else): the guest is offered another time. Everything is computed
 * from the appointment and the media servers' attendance rows, so it holds across a cluster.
 */
export class HandoffService {
  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  /** For the guest of the appointment (anyone else: FORBIDDEN or NOT_FOUND). */
  async hostStatus(user: AuthenticatedUser, appointmentId: string): Promise<HostStatus> {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'guest') throw new AppError(ErrorCode.Forbidden, "only the meeting's guest asks where the host is");
    const meeting = await this.#meeting(row);
    const booth = await this.store.expo.booth(row.booth_id);
    return {
      state: meeting.state,
      host: { name: meeting.hostName },
      boothId: row.booth_id,
      boothName: booth?.organisation ?? '',
      start: row.start_at,
      end: row.end_at,
    };
  }

  /** Meetings at the caller's booths with a guest waiting for a host who has not come (staff only). */
  async waiting(user: AuthenticatedUser): Promise<Handoff[]> {
    if (user.role !== 'staff') throw new AppError(ErrorCode.Forbidden, 'only booth staff take over meetings');
    const now = this.clock.now();
    // Polled by every staff member's app: only their own booths' meetings are read.
    const started = await this.store.appointments.confirmedStartedBetween(
      iso(now - LONGEST_MEETING_MS),
      iso(now - HANDOFF_AFTER_MINUTES * MINUTE),
      user.boothIds,
    );
    const mine = started.filter((a) => parseInstant(a.end_at) > now);
    const handoffs: Handoff[] = [];
    for (const row of mine) {
      const meeting = await this.#meeting(row);
      const host = await this.store.expo.staffMember(row.staff_id);
      if (host?.user_id === user.id || !meeting.guestPresent || !mayTakeOver(meeting.state)) continue;
      const [booth, guest] = await Promise.all([this.store.expo.booth(row.booth_id), this.store.users.byId(row.guest_id)]);
      handoffs.push({
        appointmentId: row.id,
        boothId: row.booth_id,
        boothName: booth?.organisation ?? '',
        guestName: guest?.name ?? '',
        hostName: meeting.hostName,
        start: row.start_at,
        end: row.end_at,
      });
    }
    return handoffs;
  }

  /**
   * Takes the meeting over: the caller (another staff member of the booth, free until its end)
   * becomes its host. CONFLICT `not-waiting` while nobody waits or the host may still come,
   * `busy` when the caller has another meeting then, `taken` when a colleague was quicker.
   */
  async take(user: AuthenticatedUser, appointmentId: string): Promise<AppointmentRow> {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'staff') throw new AppError(ErrorCode.Forbidden, 'only booth staff take over meetings');
    const me = (await this.store.expo.staffByUser(user.id)).find((s) => s.booth_id === row.booth_id)!;
    if (me.id === row.staff_id) throw new AppError(ErrorCode.Conflict, 'this meeting is already yours', { reason: 'already-yours' });
    const meeting = await this.#meeting(row);
    if (row.status !== 'confirmed' || !meeting.guestPresent || !mayTakeOver(meeting.state) || parseInstant(row.end_at) <= this.clock.now()) {
      throw new AppError(ErrorCode.Conflict, 'this meeting does not need another host now', { reason: 'not-waiting' });
    }
    const now = iso(this.clock.now());
    return this.store.transaction(async (tx) => {
      await tx.appointments.lockForBooking({ staffIds: [me.id], guestId: row.guest_id });
      // This meeting itself is not a clash (a colleague's take may have just moved it to the caller).
      const clash = (await tx.appointments.activeForStaff([me.id], now, row.end_at)).filter(
        (a) => a.status === 'confirmed' && !(a.start_at === row.start_at && a.end_at === row.end_at && a.handed_over_from === row.staff_id),
      );
      if (clash.length > 0) throw new AppError(ErrorCode.Conflict, 'you have another meeting then', { reason: 'busy' });
      if (!(await tx.appointments.handOver(row, { staffId: me.id, staffZone: me.time_zone, at: now }))) {
        throw new AppError(ErrorCode.Conflict, 'a colleague took this meeting first', { reason: 'taken' });
      }
      return (await tx.appointments.byId(row.id))!;
    });
  }

  async #meeting(row: AppointmentRow): Promise<Meeting> {
    const [group, host, staff] = await Promise.all([
      this.store.appointments.meetingOf(row),
      this.store.expo.staffMember(row.staff_id),
      this.store.expo.staffOf([row.booth_id]),
    ]);
    const rows = await this.store.attendance.forRooms(group.map((a) => appointmentRoomId(a.id)));
    const hostRows = rows.filter((r) => r.user_id === host?.user_id);
    return {
      state: hostState({
        now: this.clock.now(),
        start: parseInstant(row.start_at),
        hostPresent: hostRows.some((r) => r.present_since !== null),
        hostLeftAt: hostRows.map((r) => (r.last_leave_at === null ? undefined : parseInstant(r.last_leave_at))).find((t) => t !== undefined),
        handedOver: row.handed_over_at !== null,
        otherStaff: staff.filter((s) => s.id !== row.staff_id).length,
      }),
      guestPresent: rows.some((r) => r.user_id === row.guest_id && r.present_since !== null),
      hostName: host?.name ?? '',
    };
  }
}
