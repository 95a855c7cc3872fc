import type { z } from 'zod';
import { ErrorCode, type accountExportSchema } from '@ca/signaling';
import { AppError } from '../errors.js';
import { verifyPassword } from '../security/passwords.js';
import type { Store } from '../store/index.js';
import type { AuthenticatedUser } from './auth.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

/** Everything the platform keeps about one person, as they can download it (the contract's `accountExportSchema`). */
export type AccountExport = z.infer<typeof accountExportSchema>;

/**
 * A guest's own data: download all of it, or delete the account. Deleting needs the password
 * (a borrowed session is not enough); the account is anonymised (no way to sign in, no name or
 * e-mail), sessions, notifications and attendance go, future meetings are cancelled, and shared
 * contact cards are withdrawn unless the guest chose to leave them with the booths.
 */
export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly booking: BookingService,
    private readonly clock: Clock,
  ) {}

  async export(user: AuthenticatedUser): Promise<AccountExport> {
    const row = await this.store.users.byId(user.id);
    if (!row) throw new AppError(ErrorCode.NotFound, 'no such account');
    const [appointments, attendance, notifications, cards, waitlist] = await Promise.all([
      this.store.appointments.forGuest(user.id),
      this.store.attendance.ofUser(user.id),
      this.store.notifications.forUser(user.id, 10_000),
      this.store.leads.cardsOfGuest(user.id),
      this.store.waitlist.ofGuest(user.id),
    ]);
    return {
      exportedAt: iso(this.clock.now()),
      profile: {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        country: row.country,
        language: row.language,
        timeZone: row.time_zone,
        createdAt: row.created_at,
      },
      appointments: await this.booking.views(appointments.map((a) => ({ row: a, role: 'guest' as const }))),
      attendance: attendance.map((a) => ({
        roomId: a.room_id,
        firstJoinAt: a.first_join_at,
        lastLeaveAt: a.last_leave_at,
        seconds: a.seconds,
        quality: a.quality === null ? null : (JSON.parse(a.quality) as unknown),
      })),
      notifications: notifications.map((n) => ({ id: n.id, kind: n.kind, createdAt: n.created_at, readAt: n.read_at })),
      contactCards: cards.map((c) => ({
        appointmentId: c.appointment_id,
        card: JSON.parse(c.card) as unknown,
        consentedAt: c.consented_at,
        revokedAt: c.revoked_at,
      })),
      waitlist: waitlist.map((w) => ({ boothId: w.booth_id, date: w.day, timeZone: w.zone, status: w.status, createdAt: w.created_at })),
    };
  }

  async delete(user: AuthenticatedUser, request: { password: string; keepContactCards: boolean }): Promise<void> {
    const row = await this.store.users.byId(user.id);
    if (!row) throw new AppError(ErrorCode.NotFound, 'no such account');
    if (row.role !== 'guest') {
      throw new AppError(ErrorCode.Conflict, "staff and organizer accounts are closed by the event's organizers", { reason: 'not-a-guest' });
    }
    if (!(await verifyPassword(request.password, row.password_hash)))
      throw new AppError(ErrorCode.Forbidden, 'wrong password', { reason: 'wrong-password' });
    const now = iso(this.clock.now());
    const freed = new Set<string>();
    await this.store.transaction(async (tx) => {
      for (const a of await tx.appointments.forGuest(user.id)) {
        if (
          (a.status === 'requested' || a.status === 'confirmed') &&
          a.start_at > now &&
          (await tx.appointments.updateIf(a.id, a, { status: 'cancelled', updated_at: now }))
        ) {
          freed.add(a.booth_id);
        }
      }
      if (!request.keepContactCards) for (const card of await tx.leads.cardsOfGuest(user.id)) await tx.leads.revokeCard(card.appointment_id, now);
      await tx.notifications.deleteOf(user.id);
      await tx.attendance.deleteOf(user.id);
      await tx.waitlist.deleteOf(user.id);
      await tx.users.deleteAuthSessionsOf(user.id);
      await tx.users.anonymise(user.id);
    });
    for (const boothId of freed) this.booking.slotCache.invalidate(boothId);
  }
}
