import { ErrorCode, type Appointment } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { AuthenticatedUser } from './auth.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/**
 * Interpreters for booked meetings: a guest asks for one into a language when booking; the
 * booth's staff assign one of their own (or nobody). In the room the assigned interpreter is
 * offered that channel and the guest hears it as soon as it is live.
 */
export class InterpreterService {
  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  /**
   * Booth staff only (a guest: FORBIDDEN; anyone else: NOT_FOUND). BAD_REQUEST `not-booth-staff` for
   * someone not on this booth; CONFLICT `no-interpreter-requested` when the guest asked for none or
   * the meeting is no longer ahead.
   */
  async assign(user: AuthenticatedUser, appointmentId: string, staffId: string | null): Promise<Appointment> {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    if (role !== 'staff') throw new AppError(ErrorCode.Forbidden, "only the booth's staff assign an interpreter");
    if (staffId !== null) {
      const member = await this.store.expo.staffMember(staffId);
      if (member?.booth_id !== row.booth_id)
        throw new AppError(ErrorCode.BadRequest, 'not a staff member of this booth', { reason: 'not-booth-staff' });
    }
    if (!(await this.store.appointments.setInterpreter(row.id, staffId, iso(this.clock.now())))) {
      throw new AppError(ErrorCode.Conflict, 'no interpreter was asked for, or the meeting is over', { reason: 'no-interpreter-requested' });
    }
    return this.booking.view((await this.store.appointments.byId(row.id))!, 'staff');
  }
}
