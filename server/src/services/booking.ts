import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  type Appointment,
  type CreateAppointment,
  type SlotsResponse,
  type UpdateAppointment,
} from '@ca/signaling';
import {
  assertZone,
  busyWithout,
  computeSlots,
  groupMeetings,
  mergeSlots,
  MINUTE,
  withSeatsLeft,
  parseInstant,
  transition,
  type ActorRole,
  type AppointmentAction,
  type BusyInterval,
  type Slot,
} from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Db, Store } from '../store/index.js';
import type { AppointmentRow, BoothRow, EventRow } from '../store/schema.js';
import type { StaffWithUser } from '../store/expo.js';
import type { AuthenticatedUser } from './auth.js';
import { availabilityOf, eventWindowOf } from './availability.js';
import { iso, type Clock } from './clock.js';
import { appointmentDto, slotDto } from './views.js';

/** Most days one slot query may span. */
const MAX_QUERY_DAYS = 31;

type BoothContext = { booth: BoothRow; event: EventRow; staff: StaffWithUser[] };

/**
 * Slots, booking and the life of an appointment. A booking re-checks the slot inside
 * a transaction that first bumps the lock version of the staff rows involved, so two
 * guests racing for one slot get exactly one appointment, on SQLite and PostgreSQL.
 */
export class BookingService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async boothContext(boothId: string): Promise<BoothContext> {
    const booth = await this.store.expo.booth(boothId);
    if (!booth) throw new AppError(ErrorCode.NotFound, 'no such booth');
    const event = await this.store.expo.event(booth.event_id);
    if (!event) throw new AppError(ErrorCode.NotFound, 'no such event');
    const staff = await this.store.expo.staffOf([booth.id]);
    return { booth, event, staff };
  }

  async slots(
    boothId: string,
    query: { from: string; to: string; length?: number | undefined; staffId?: string | undefined; zone?: string | undefined },
    viewer: AuthenticatedUser | undefined,
  ): Promise<SlotsResponse> {
    const from = parseInstant(query.from, 'from');
    const to = parseInstant(query.to, 'to');
    if (to <= from) throw new AppError(ErrorCode.BadRequest, '`to` must be after `from`');
    if (to - from > MAX_QUERY_DAYS * 86_400_000) {
      throw new AppError(ErrorCode.BadRequest, `ask for at most ${MAX_QUERY_DAYS} days at once`);
    }
    const ctx = await this.boothContext(boothId);
    const guestZone = assertZone(query.zone ?? viewer?.timeZone ?? ctx.event.time_zone, 'zone');
    const staff = query.staffId ? ctx.staff.filter((s) => s.id === query.staffId) : ctx.staff;
    if (query.staffId && staff.length === 0) throw new AppError(ErrorCode.NotFound, 'no such staff member at this booth');
    const meetingMinutes = query.length ?? shortestLength(staff);
    const { slots, seats } = await this.#computeSlots({ ctx, staff, from, to, meetingMinutes, guestZone, db: this.store.db });
    return { slots: slots.map((s) => slotDto(s, seats(s.staffIds[0] ?? '', s.start))), guestZone, meetingMinutes };
  }

  /** Books a slot; 409 CONFLICT when it was just taken or the guest already has a meeting then. */
  async book(guest: AuthenticatedUser, request: CreateAppointment): Promise<Appointment> {
    const start = parseInstant(request.start, 'start');
    const guestZone = assertZone(request.guestZone ?? guest.timeZone, 'guestZone');
    const ctx = await this.boothContext(request.boothId);
    if (ctx.staff.some((s) => s.user_id === guest.id)) {
      throw new AppError(ErrorCode.Forbidden, 'staff cannot book their own booth');
    }
    const candidates = request.staffId ? ctx.staff.filter((s) => s.id === request.staffId) : ctx.staff;
    if (candidates.length === 0) throw new AppError(ErrorCode.NotFound, 'no such staff member at this booth');
    const minutes = request.lengthMinutes ?? shortestLength(candidates);
    const end = start + minutes * MINUTE;
    const now = this.clock.now();

    const row = await this.store.db.transaction().execute(async (trx) => {
      // Serialise bookings of these staff members and this guest (row locks on PostgreSQL, the write lock on SQLite).
      await this.store.appointments.lockForBooking(trx, { staffIds: candidates.map((s) => s.id), guestId: guest.id });
      const free = await this.#computeSlots({ ctx, staff: candidates, from: start, to: end, meetingMinutes: minutes, guestZone, db: trx });
      const slot = free.slots.find((s) => s.start === start);
      if (!slot) {
        const offered = (
          await this.#computeSlots({ ctx, staff: candidates, from: start, to: end, meetingMinutes: minutes, guestZone, db: trx, ignoreBusy: true })
        ).slots.some((s) => s.start === start);
        if (offered) throw new AppError(ErrorCode.Conflict, 'this slot was just taken; please pick another time', { reason: 'taken' });
        throw new AppError(ErrorCode.BadRequest, 'this time is not a bookable slot of the booth', { reason: 'not-offered' });
      }
      const clash = await this.store.appointments.activeForGuest(guest.id, iso(start), iso(end), trx);
      if (clash.length > 0) {
        throw new AppError(ErrorCode.Conflict, 'you already have an appointment at this time', { reason: 'guest-busy' });
      }
      // Join a group meeting that already has guests before opening a new one.
      const staffId =
        slot.staffIds.find((id) => free.seats(id, start) < (candidates.find((c) => c.id === id)?.group_size ?? 1)) ??
        slot.staffIds[0]!;
      const staffMember = candidates.find((s) => s.id === staffId)!;
      const newRow: AppointmentRow = {
        id: randomUUID(),
        booth_id: ctx.booth.id,
        staff_id: staffId,
        guest_id: guest.id,
        start_at: iso(start),
        end_at: iso(end),
        guest_zone: guestZone,
        staff_zone: staffMember.time_zone,
        event_zone: ctx.event.time_zone,
        status: 'requested',
        any_rep: request.staffId ? 0 : 1,
        note: request.note ?? '',
        created_at: iso(now),
        updated_at: iso(now),
        missing_party: null,
        outcome_by: null,
      };
      await this.store.appointments.insert(newRow, trx);
      return newRow;
    });
    return this.view(row, 'guest');
  }

  /**
   * The caller's appointments: as guest, and as staff: every appointment at the booths they
   * staff, so a colleague can accept an "any available rep" request or stand in.
   */
  async mine(user: AuthenticatedUser): Promise<Appointment[]> {
    const asGuest = await this.store.appointments.forGuest(user.id);
    const staffRows = await this.store.expo.staffByUser(user.id);
    const asStaff = await this.store.appointments.forBooths([...new Set(staffRows.map((s) => s.booth_id))]);
    const views = await this.views([
      ...asGuest.map((row) => ({ row, role: 'guest' as const })),
      ...asStaff.map((row) => ({ row, role: 'staff' as const })),
    ]);
    return views.sort((a, b) => a.start.localeCompare(b.start));
  }

  /** Loads an appointment the user takes part in, with the role they have in it; 404 otherwise (no existence leak). */
  async forParticipant(user: AuthenticatedUser, id: string): Promise<{ row: AppointmentRow; role: ActorRole }> {
    const row = await this.store.appointments.byId(id);
    if (row) {
      if (row.guest_id === user.id) return { row, role: 'guest' };
      // Any staff member of the booth (the assigned one included) handles its appointments.
      const boothStaff = await this.store.expo.staffByUser(user.id);
      if (boothStaff.some((s) => s.booth_id === row.booth_id)) return { row, role: 'staff' };
    }
    throw new AppError(ErrorCode.NotFound, 'no such appointment');
  }

  async update(user: AuthenticatedUser, id: string, change: UpdateAppointment): Promise<Appointment> {
    const { row, role } = await this.forParticipant(user, id);
    const now = this.clock.now();
    const current = { ...row, start: Date.parse(row.start_at), end: Date.parse(row.end_at) };
    if (change.action !== 'reschedule') {
      const action = (change.action === 'set_outcome' ? { type: 'set_outcome', outcome: change.outcome } : { type: change.action }) as AppointmentAction;
      const next = transition(current, action, { actorRole: role, now });
      const patch = { status: next.status, updated_at: iso(now), ...outcomeFields(change) };
      await this.store.appointments.update(id, patch);
      return this.view({ ...row, ...patch }, role);
    }
    const start = parseInstant(change.start, 'start');
    const end = start + (current.end - current.start);
    const next = transition(current, { type: 'reschedule', start, end }, { actorRole: role, now });
    const ctx = await this.boothContext(row.booth_id);
    const staff = ctx.staff.filter((s) => s.id === row.staff_id);
    const updated = await this.store.db.transaction().execute(async (trx) => {
      await this.store.appointments.lockForBooking(trx, { staffIds: [row.staff_id], guestId: row.guest_id });
      const { slots } = await this.#computeSlots({
        ctx,
        staff,
        from: start,
        to: end,
        meetingMinutes: (end - start) / MINUTE,
        guestZone: row.guest_zone,
        db: trx,
        excludeAppointmentId: id,
      });
      if (!slots.some((s) => s.start === start)) {
        throw new AppError(ErrorCode.Conflict, 'the new time is not free; please pick another slot', { reason: 'taken' });
      }
      const clash = (await this.store.appointments.activeForGuest(row.guest_id, iso(start), iso(end), trx)).filter(
        (r) => r.id !== id,
      );
      if (clash.length > 0) {
        throw new AppError(ErrorCode.Conflict, 'the guest already has an appointment at that time', { reason: 'guest-busy' });
      }
      const patch = { start_at: iso(start), end_at: iso(end), status: next.status, updated_at: iso(now) };
      await this.store.appointments.update(id, patch, trx);
      return { ...row, ...patch };
    });
    return this.view(updated, role);
  }

  async view(row: AppointmentRow, role: ActorRole): Promise<Appointment> {
    const [view] = await this.views([{ row, role }]);
    return view!;
  }

  /** Appointments as their viewers see them; the names come from three queries however many rows there are. */
  async views(entries: readonly { row: AppointmentRow; role: ActorRole }[]): Promise<Appointment[]> {
    const distinct = (pick: (row: AppointmentRow) => string) => [...new Set(entries.map((e) => pick(e.row)))];
    const [booths, staff, guests] = await Promise.all([
      this.store.expo.boothNames(distinct((r) => r.booth_id)),
      this.store.expo.staffNames(distinct((r) => r.staff_id)),
      this.store.users.names(distinct((r) => r.guest_id)),
    ]);
    const now = this.clock.now();
    return entries.map(({ row, role }) =>
      appointmentDto(
        row,
        {
          boothName: booths.get(row.booth_id) ?? '',
          staffName: staff.get(row.staff_id) ?? '',
          guestName: guests.get(row.guest_id) ?? '',
        },
        { role, now },
      ),
    );
  }

  /**
   * Free slots of these staff members, plus the exact times of their group meetings that
   * still have a seat. `seats` tells, per staff member and start, how many seats are left.
   */
  async #computeSlots(args: {
    ctx: BoothContext;
    staff: StaffWithUser[];
    from: number;
    to: number;
    meetingMinutes: number;
    guestZone: string;
    db: Db;
    ignoreBusy?: boolean;
    excludeAppointmentId?: string;
  }): Promise<{ slots: Slot[]; seats: (staffId: string, start: number) => number }> {
    const maxBuffer = Math.max(0, ...args.staff.map((s) => s.buffer_minutes)) * MINUTE;
    const busyRows = args.ignoreBusy
      ? []
      : await this.store.appointments.activeForStaff(
          args.staff.map((s) => s.id),
          iso(args.from - maxBuffer - 240 * MINUTE),
          iso(args.to + maxBuffer + 240 * MINUTE),
          args.db,
        );
    const busy: BusyInterval[] = busyRows
      .filter((r) => r.id !== args.excludeAppointmentId)
      .map((r) => ({ staffId: r.staff_id, start: Date.parse(r.start_at), end: Date.parse(r.end_at) }));
    const groupSize = new Map(args.staff.map((s) => [s.id, s.group_size]));
    const groups = groupMeetings(busy, (id) => groupSize.get(id) ?? 1);
    const options = {
      availability: args.staff.map(availabilityOf),
      meetingMinutes: args.meetingMinutes,
      window: { from: args.from, to: args.to },
      eventWindow: eventWindowOf(args.ctx.event),
      busy,
      now: this.clock.now(),
      guestZone: args.guestZone,
    };
    let slots = computeSlots(options);
    for (const group of withSeatsLeft(groups)) {
      if (group.start < args.from || group.end > args.to || group.end - group.start !== args.meetingMinutes * MINUTE) continue;
      const again = computeSlots({
        ...options,
        availability: options.availability.filter((a) => a.staffId === group.staffId),
        window: { from: group.start, to: group.end },
        busy: busyWithout(busy, group),
      }).filter((s) => s.start === group.start);
      slots = mergeSlots(slots, again);
    }
    const seats = (staffId: string, start: number) => {
      const group = groups.find((g) => g.staffId === staffId && g.start === start);
      return group ? group.capacity - group.guests : (groupSize.get(staffId) ?? 1);
    };
    return { slots, seats };
  }
}

/** A staff decision on the outcome: who was missing (a no-show: the guest unless told) and that staff decided. */
function outcomeFields(change: UpdateAppointment): Pick<AppointmentRow, 'missing_party' | 'outcome_by'> | Record<string, never> {
  if (change.action === 'complete') return { missing_party: null, outcome_by: 'staff' };
  if (change.action === 'no_show') return { missing_party: change.missing ?? 'guest', outcome_by: 'staff' };
  if (change.action !== 'set_outcome') return {};
  return { missing_party: change.outcome === 'no_show' ? (change.missing ?? 'guest') : null, outcome_by: 'staff' };
}

function shortestLength(staff: readonly StaffWithUser[]): number {
  const lengths = staff.flatMap((s) => JSON.parse(s.meeting_lengths) as number[]);
  if (lengths.length === 0) throw new AppError(ErrorCode.NotFound, 'this booth takes no appointments');
  return Math.min(...lengths);
}
