import { ErrorCode, type JoinResponse } from '@ca/signaling';
import { joinWindow } from '../domain/index.js';
import { AppError } from '../errors.js';
import { signMeetingToken } from '../security/meetingTokens.js';
import type { AuthenticatedUser } from './auth.js';
import type { AppointmentStore } from '../store/appointments.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/** Rooms of appointments are named after them; only a meeting token opens one. */
export const APPOINTMENT_ROOM_PREFIX = 'appt-';
export const appointmentRoomId = (appointmentId: string): string => `${APPOINTMENT_ROOM_PREFIX}${appointmentId}`;

/** Issues meeting tokens to an appointment's guest and staff, inside its join window only. */
export class MeetingService {
  constructor(
    private readonly booking: BookingService,
    private readonly appointments: AppointmentStore,
    private readonly clock: Clock,
    private readonly secret: string,
  ) {}

  async join(user: AuthenticatedUser, appointmentId: string): Promise<JoinResponse> {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    const window = joinWindow({ start: Date.parse(row.start_at), end: Date.parse(row.end_at) });
    const now = this.clock.now();
    if (row.status !== 'confirmed') {
      throw new AppError(ErrorCode.Conflict, `the appointment is ${row.status}, not confirmed`, { status: row.status });
    }
    if (now < window.start) {
      throw new AppError(ErrorCode.Conflict, 'the meeting room opens 10 minutes before the start', {
        opensAt: iso(window.start),
      });
    }
    if (now >= window.end) throw new AppError(ErrorCode.Conflict, 'this appointment has ended');
    // A group meeting (several guests booked the same time) is one room: the first booking's.
    const [first] = await this.appointments.sameMeeting(row);
    const roomId = appointmentRoomId(first?.id ?? row.id);
    const token = signMeetingToken(
      {
        room: roomId,
        role: role === 'staff' ? 'host' : 'guest',
        sub: user.id,
        name: user.name,
        nbf: Math.floor(window.start / 1000),
        exp: Math.ceil(window.end / 1000),
      },
      this.secret,
    );
    return { roomId, token, url: `/meet/${roomId}`, expiresAt: iso(window.end) };
  }
}
