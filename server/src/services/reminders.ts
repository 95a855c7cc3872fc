import { randomUUID } from 'node:crypto';
import { appointmentTexts, formatWhen } from '../i18n/appointmentTexts.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow } from '../store/schema.js';
import { iso, type Clock } from './clock.js';

const MINUTE = 60_000;

/** The reminders, each with the moment from which it is due. */
export const REMINDERS = [
  { kind: 'reminder-24h', before: 24 * 60 * MINUTE },
  { kind: 'reminder-10m', before: 10 * MINUTE },
] as const;

/**
 * Sends the reminders of confirmed appointments: an in-app notification and an e-mail
 * in the outbox, to the guest and to the staff member, 24 hours and 10 minutes before,
 * each in the recipient's own language and zone (a Shanghai exhibitor reads Chinese at
 * Shanghai time, the guest their language at their time).
 * Each (appointment, person, reminder) is written once, even across restarts and
 * several nodes: the dedupe key is unique in the database.
 */
export class ReminderService {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Scans every `intervalMs` until stopped. */
  start(intervalMs = 30_000): void {
    const tick = () => void this.runOnce().catch((err: unknown) => this.log.error({ err }, 'reminder scan failed'));
    tick();
    this.#timer = setInterval(tick, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Writes every reminder that is due now; returns how many were new. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const upcoming = (await this.store.appointments.startingBetween(iso(now), iso(now + 24 * 60 * MINUTE + MINUTE))).filter(
      (row) => row.status === 'confirmed',
    );
    // Reminders already written (one per person) are skipped without loading anything else.
    const written = await this.store.notifications.dedupeKeysOf(upcoming.map((row) => row.id));
    let sent = 0;
    for (const row of upcoming) {
      const start = Date.parse(row.start_at);
      // The most urgent due reminder only: a meeting booked 5 minutes ahead gets no "tomorrow" note.
      const due = REMINDERS.filter((r) => now >= start - r.before).at(-1);
      if (!due) continue;
      const done = written.filter((key) => key.startsWith(`${row.id}:${row.start_at}:`) && key.endsWith(`:${due.kind}`));
      if (done.length < 2) sent += await this.#send(row, due);
    }
    return sent;
  }

  async #send(row: AppointmentRow, reminder: (typeof REMINDERS)[number]): Promise<number> {
    const staff = await this.store.expo.staffMember(row.staff_id);
    const guest = await this.store.users.byId(row.guest_id);
    const booth = await this.store.expo.booth(row.booth_id);
    const staffUser = staff ? await this.store.users.byId(staff.user_id) : undefined;
    if (!staff || !guest || !booth) return 0;
    const start = Date.parse(row.start_at);
    const people = [
      { userId: guest.id, email: guest.email, zone: row.guest_zone, language: guest.language, other: staff.name },
      { userId: staff.user_id, email: staff.email, zone: row.staff_zone, language: staffUser?.language, other: guest.name },
    ];
    let sent = 0;
    for (const person of people) {
      const texts = appointmentTexts(person.language);
      const when = texts.when[reminder.kind];
      const at = formatWhen(start, texts.language, person.zone);
      const message = texts.reminder({ other: person.other, booth: booth.organisation, when, at });
      // The start is part of the key: a rescheduled meeting is reminded again, at its new time.
      const key = `${row.id}:${row.start_at}:${person.userId}:${reminder.kind}`;
      const now = iso(this.clock.now());
      const added = await this.store.notifications.add({
        id: randomUUID(),
        user_id: person.userId,
        appointment_id: row.id,
        kind: reminder.kind,
        dedupe_key: key,
        message,
        created_at: now,
        read_at: null,
      });
      if (!added) continue;
      await this.store.notifications.enqueueEmail({
        id: randomUUID(),
        to_email: person.email,
        subject: texts.reminderSubject({ other: person.other, when }),
        body: message,
        dedupe_key: key,
        created_at: now,
        sent_at: null,
      });
      sent += 1;
    }
    return sent;
  }
}
