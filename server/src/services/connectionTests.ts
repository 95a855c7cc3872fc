import { ErrorCode, type Appointment, type ConnectionTestRequest } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { AuthenticatedUser } from './auth.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/**
 * The guest's pre-join connection test, kept on their appointment (the last one wins) so the
 * booth staff see in advance who may struggle. Only the appointment's guest reports it, and only
 * while the meeting is still ahead or on (requested or confirmed, before its end).
 */
export class ConnectionTestService {
  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  async record(user: AuthenticatedUser, appointmentId: string, result: ConnectionTestRequest): Promise<Appointment> {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'guest') throw new AppError(ErrorCode.Forbidden, "only the appointment's guest reports their connection test");
    const now = this.clock.now();
    if ((row.status !== 'requested' && row.status !== 'confirmed') || now >= Date.parse(row.end_at)) {
      throw new AppError(ErrorCode.Conflict, 'this appointment is over; no test is kept for it', { status: row.status });
    }
    const connection_test = JSON.stringify({ udp: result.udp, tcp: result.tcp, testedAt: iso(now) });
    // Only onto the row as read: a cancel or reschedule landing meanwhile wins.
    if (!(await this.store.appointments.updateIf(row.id, row, { connection_test }))) {
      throw new AppError(ErrorCode.Conflict, 'this appointment was just changed; please reload it', { reason: 'lost-race' });
    }
    return this.booking.view({ ...row, connection_test }, role);
  }
}
