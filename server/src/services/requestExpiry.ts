import { randomUUID } from 'node:crypto';
import { localParts, MINUTE } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow } from '../store/schema.js';
import { iso, type Clock } from './clock.js';
import { requestExpiredText } from '../i18n/requestExpired.js';

export type RequestExpiryOptions = {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Unanswered requests expire this many minutes before their slot starts. */
  leadMinutes: number;
  /** Told after an expiry committed: its booth has a free slot again (the slot cache forgets the booth). */
  onSlotFreed?: (boothId: string) => void;
};

/**
 * When an unanswered request expires: `lead` before its start; a request made later than that
 * (a slot booked shortly before it starts) gets until the start itself, so it is not refused
 * the moment it is made.
 */
export function expiresAt(row: Pick<AppointmentRow, 'start_at' | 'created_at'>, leadMs: number): number {
  const start = Date.parse(row.start_at);
  return Date.parse(row.created_at) < start - leadMs ? start - leadMs : start;
}

/**
 * Lets unanswered requests expire so that no guest holds slots with requests nobody answers:
 * each becomes `expired` (freeing its slot) in a compare-and-set that loses to a staff member's
 * accept or decline landing at the same moment, and its guest gets an in-app notification and
 * an e-mail in the outbox, in their language, both written in the same transaction (and once:
 * the dedupe key is unique). Requests whose slot already began expire without a notice.
 */
export class RequestExpiry {
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RequestExpiryOptions) {}

  /** Scans every `intervalMs` until stopped. */
  start(intervalMs = 30_000): void {
    const tick = () => void this.runOnce().catch((err: unknown) => this.options.log.error({ err }, 'request expiry scan failed'));
    tick();
    this.#timer = setInterval(tick, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Expires every request that is due now; returns how many it expired. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    const leadMs = this.options.leadMinutes * MINUTE;
    const candidates = await this.options.store.appointments.unansweredStartingBy(iso(now + leadMs));
    let expired = 0;
    for (const row of candidates) {
      if (expiresAt(row, leadMs) > now) continue;
      if (await this.#expire(row, now)) expired += 1;
    }
    if (expired > 0) this.options.log.info({ expired }, 'unanswered requests expired');
    return expired;
  }

  async #expire(row: AppointmentRow, now: number): Promise<boolean> {
    const expired = await this.options.store.transaction(async (tx) => {
      // Answered (or cancelled) meanwhile: it stays as it is.
      if (!(await tx.appointments.updateIf(row.id, row, { status: 'expired', updated_at: iso(now) }))) return false;
      if (Date.parse(row.start_at) > now) await tellGuest(tx, row, now);
      return true;
    });
    if (expired) this.options.onSlotFreed?.(row.booth_id);
    return expired;
  }
}

async function tellGuest(tx: Store, row: AppointmentRow, now: number): Promise<void> {
  // One after the other: a transaction is one connection.
  const guest = await tx.users.byId(row.guest_id);
  const booth = await tx.expo.booth(row.booth_id);
  const staff = await tx.expo.staffMember(row.staff_id);
  if (!guest || !booth || !staff) return;
  const local = localParts(Date.parse(row.start_at), row.guest_zone);
  const when = `${local.date} ${local.time} ${local.abbreviation} (${row.guest_zone})`;
  const text = requestExpiredText(guest.language, { booth: booth.organisation, staff: staff.name, when });
  const key = `${row.id}:${row.start_at}:${guest.id}:request-expired`;
  const at = iso(now);
  const added = await tx.notifications.add({
    id: randomUUID(),
    user_id: guest.id,
    appointment_id: row.id,
    kind: 'request-expired',
    dedupe_key: key,
    message: text.body,
    created_at: at,
    read_at: null,
  });
  if (!added) return;
  await tx.notifications.enqueueEmail({
    id: randomUUID(),
    to_email: guest.email,
    subject: text.subject,
    body: text.body,
    dedupe_key: key,
    created_at: at,
    sent_at: null,
  });
}
