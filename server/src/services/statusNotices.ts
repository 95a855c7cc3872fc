import { randomUUID } from 'node:crypto';
import type { Appointment, UpdateAppointment } from '@ca/signaling';
import { formatWhen } from '../i18n/appointmentTexts.js';
import { serverLanguage } from '../i18n/languages.js';
import { statusText, type StatusChange } from '../i18n/statusTexts.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { AuthenticatedUser } from './auth.js';
import { iso, type Clock } from './clock.js';

const CHANGES: Partial<Record<UpdateAppointment['action'], StatusChange>> = { confirm: 'confirmed', decline: 'declined', cancel: 'cancelled' };

/**
 * Tells the other side in the app when an appointment is answered or called off: the guest when
 * staff accept, decline or cancel; the booked staff member when the guest cancels. In the
 * recipient's language and zone. A notice that cannot be written is logged; the change stands.
 */
export class StatusNotices {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async changed(actor: AuthenticatedUser, appointment: Appointment, action: UpdateAppointment['action']): Promise<void> {
    const change = CHANGES[action];
    if (!change) return;
    try {
      await this.#write(actor, appointment.id, change);
    } catch (err) {
      this.log.error({ err, appointmentId: appointment.id }, 'status notice not written');
    }
  }

  async #write(actor: AuthenticatedUser, appointmentId: string, change: StatusChange): Promise<void> {
    const row = await this.store.appointments.byId(appointmentId);
    if (!row) return;
    const [staff, guest, booth] = await Promise.all([
      this.store.expo.staffMember(row.staff_id),
      this.store.users.byId(row.guest_id),
      this.store.expo.booth(row.booth_id),
    ]);
    if (!staff || !guest || !booth) return;
    const toGuest = actor.id !== row.guest_id;
    if (!toGuest && change !== 'cancelled') return;
    const recipient = toGuest ? { id: guest.id, language: guest.language, zone: row.guest_zone, other: staff.name } : undefined;
    const staffUser = toGuest ? undefined : await this.store.users.byId(staff.user_id);
    const to = recipient ?? (staffUser && { id: staffUser.id, language: staffUser.language, zone: row.staff_zone, other: guest.name });
    if (!to || to.id === actor.id) return;
    const at = formatWhen(Date.parse(row.start_at), serverLanguage(to.language), to.zone);
    await this.store.notifications.add({
      id: randomUUID(),
      user_id: to.id,
      appointment_id: row.id,
      kind: `status-${change}`,
      // One notice per change: the row's update time tells a second cancel of a rebooked meeting apart.
      dedupe_key: `${row.id}:${change}:${row.updated_at}:${to.id}`,
      message: statusText(to.language, change, { other: to.other, booth: booth.organisation, at }),
      created_at: iso(this.clock.now()),
      read_at: null,
    });
  }
}
