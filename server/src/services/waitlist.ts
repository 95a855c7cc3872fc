import { randomUUID } from 'node:crypto';
import { ErrorCode, type Appointment, type JoinWaitlist, type WaitlistEntry } from '@ca/signaling';
import { addDays, assertZone, MINUTE, resolveWallTime } from '../domain/index.js';
import { AppError } from '../errors.js';
import { formatWhen } from '../i18n/appointmentTexts.js';
import { waitlistTexts } from '../i18n/waitlistTexts.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow, WaitlistRow } from '../store/schema.js';
import type { AuthenticatedUser } from './auth.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/** Default minutes a freed time is held for the waiting guest it is offered to. */
export const WAITLIST_OFFER_MINUTES = 30;

/**
 * The waitlist: a guest waits for a booth day (in their zone) with no free time. When a meeting of
 * that booth on that day is cancelled or declined, the first guest waiting is offered its time: it is
 * held for them (busy to everyone else) for `offerMinutes`, with an in-app notice and an e-mail in
 * their language and zone. They book it in one click; if the offer runs out, the next guest waiting is
 * offered it.
 */
export class WaitlistService {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: { offerMinutes: number; onHoldChanged: (boothId: string) => void },
  ) {}

  /** Guests only (staff 403); an unknown booth 404; a day that still has free times 409 `slots-available`; a past day 400. */
  async join(user: AuthenticatedUser, boothId: string, request: JoinWaitlist): Promise<{ entry: WaitlistEntry; created: boolean }> {
    if (user.role !== 'guest') throw new AppError(ErrorCode.Forbidden, 'only guests join a waitlist');
    const booth = await this.store.expo.booth(boothId);
    if (!booth) throw new AppError(ErrorCode.NotFound, 'no such booth');
    const zone = assertZone(request.timeZone ?? user.timeZone, 'timeZone');
    const from = resolveWallTime(request.date, 0, zone);
    const to = resolveWallTime(addDays(request.date, 1), 0, zone);
    const now = this.clock.now();
    if (to <= now) throw new AppError(ErrorCode.BadRequest, 'that day is over', { reason: 'past-day' });
    const free = await this.booking.slots(boothId, { from: iso(Math.max(from, now)), to: iso(to), zone }, user);
    if (free.slots.length > 0) throw new AppError(ErrorCode.Conflict, 'that day still has free times', { reason: 'slots-available' });
    const at = iso(now);
    const { row, created } = await this.store.waitlist.join({
      id: randomUUID(),
      booth_id: boothId,
      guest_id: user.id,
      day: request.date,
      zone,
      window_start: iso(from),
      window_end: iso(to),
      status: 'waiting',
      offer_start: null,
      offer_end: null,
      offer_staff_id: null,
      offer_expires_at: null,
      created_at: at,
      updated_at: at,
    });
    return { entry: this.#dto(row, booth.organisation), created };
  }

  async mine(user: AuthenticatedUser): Promise<WaitlistEntry[]> {
    const rows = await this.store.waitlist.ofGuest(user.id);
    const names = await this.store.expo.boothNames([...new Set(rows.map((r) => r.booth_id))]);
    return rows.map((r) => this.#dto(r, names.get(r.booth_id) ?? ''));
  }

  /** Leaves the line (an offer is given up and goes to the next guest). Someone else's or an unknown entry: 404. */
  async leave(user: AuthenticatedUser, id: string): Promise<void> {
    const row = await this.store.waitlist.byId(id);
    if (!row || row.guest_id !== user.id || (row.status !== 'waiting' && row.status !== 'offered'))
      throw new AppError(ErrorCode.NotFound, 'not on this waitlist');
    if (!(await this.store.waitlist.move(id, row.status, { status: 'left', updated_at: iso(this.clock.now()) }))) return;
    if (row.status === 'offered') await this.#passOn(row);
  }

  /** Books the offered time (CONFLICT `no-offer` without a standing offer; the usual booking errors otherwise). */
  async accept(user: AuthenticatedUser, id: string): Promise<Appointment> {
    const row = await this.store.waitlist.byId(id);
    if (!row || row.guest_id !== user.id) throw new AppError(ErrorCode.NotFound, 'not on this waitlist');
    if (row.status !== 'offered' || row.offer_expires_at! <= iso(this.clock.now())) {
      throw new AppError(ErrorCode.Conflict, 'there is no standing offer', { reason: 'no-offer' });
    }
    const minutes = (Date.parse(row.offer_end!) - Date.parse(row.offer_start!)) / MINUTE;
    const appointment = await this.booking.book(user, {
      boothId: row.booth_id,
      start: row.offer_start!,
      lengthMinutes: minutes,
      staffId: row.offer_staff_id!,
      guestZone: row.zone,
    });
    await this.store.waitlist.move(id, 'offered', { status: 'booked', updated_at: iso(this.clock.now()) });
    this.options.onHoldChanged(row.booth_id);
    return appointment;
  }

  /** A meeting was called off: its time goes to the first guest waiting for that day, if any. Failures are logged. */
  async freed(row: Pick<AppointmentRow, 'booth_id' | 'staff_id' | 'start_at' | 'end_at'>): Promise<void> {
    try {
      await this.#offer(row);
    } catch (err) {
      this.log.error({ err, boothId: row.booth_id }, 'waitlist offer failed');
    }
  }

  /** Ends offers that ran out and passes each time on to the next guest waiting. */
  async expireOffers(): Promise<number> {
    const now = iso(this.clock.now());
    let n = 0;
    for (const row of await this.store.waitlist.expiredOffers(now)) {
      if (!(await this.store.waitlist.move(row.id, 'offered', { status: 'expired', updated_at: now }))) continue;
      n += 1;
      await this.#passOn(row);
    }
    return n;
  }

  start(intervalMs = 30_000): void {
    const tick = () => void this.expireOffers().catch((err: unknown) => this.log.error({ err }, 'waitlist expiry failed'));
    this.#timer = setInterval(tick, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async #passOn(row: WaitlistRow): Promise<void> {
    this.options.onHoldChanged(row.booth_id);
    await this.freed({ booth_id: row.booth_id, staff_id: row.offer_staff_id!, start_at: row.offer_start!, end_at: row.offer_end! });
  }

  async #offer(freed: Pick<AppointmentRow, 'booth_id' | 'staff_id' | 'start_at' | 'end_at'>): Promise<void> {
    const now = this.clock.now();
    if (Date.parse(freed.start_at) <= now) return;
    const next = await this.store.waitlist.firstWaiting(freed.booth_id, freed.start_at);
    if (!next) return;
    const expires = iso(Math.min(now + this.options.offerMinutes * MINUTE, Date.parse(freed.start_at)));
    const offered = await this.store.waitlist.move(next.id, 'waiting', {
      status: 'offered',
      offer_start: freed.start_at,
      offer_end: freed.end_at,
      offer_staff_id: freed.staff_id,
      offer_expires_at: expires,
      updated_at: iso(now),
    });
    if (!offered) return;
    this.options.onHoldChanged(freed.booth_id);
    const [guest, booth] = await Promise.all([this.store.users.byId(next.guest_id), this.store.expo.booth(next.booth_id)]);
    if (!guest || !booth) return;
    const texts = waitlistTexts(guest.language);
    const at = formatWhen(Date.parse(freed.start_at), texts.language, next.zone);
    const until = formatWhen(Date.parse(expires), texts.language, next.zone);
    const body = texts.body({ booth: booth.organisation, at, until });
    const key = `waitlist:${next.id}:${freed.start_at}`;
    const added = await this.store.notifications.add({
      id: randomUUID(),
      user_id: guest.id,
      appointment_id: null,
      kind: 'waitlist-offer',
      dedupe_key: key,
      message: body,
      created_at: iso(now),
      read_at: null,
    });
    if (added) {
      await this.store.notifications.enqueueEmail({
        id: randomUUID(),
        to_email: guest.email,
        subject: texts.subject({ booth: booth.organisation }),
        body,
        dedupe_key: key,
        created_at: iso(now),
        sent_at: null,
      });
    }
  }

  #dto(row: WaitlistRow, boothName: string): WaitlistEntry {
    return {
      id: row.id,
      boothId: row.booth_id,
      boothName,
      date: row.day,
      timeZone: row.zone,
      status: row.status,
      offer:
        row.status === 'offered' && row.offer_start && row.offer_end && row.offer_expires_at
          ? { start: row.offer_start, end: row.offer_end, expiresAt: row.offer_expires_at }
          : null,
    };
  }
}
