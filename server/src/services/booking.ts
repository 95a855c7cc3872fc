import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  ErrorCode,
  type Appointment,
  type CompactSlotsResponse,
  type CreateAppointment,
  type slotsQuerySchema,
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
  type AppointmentActionType,
  type BusyInterval,
  type Slot,
} from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow, BoothRow, EventRow } from '../store/schema.js';
import type { StaffWithUser } from '../store/expo.js';
import type { AuthenticatedUser } from './auth.js';
import { availabilityOf, eventWindowOf } from './availability.js';
import { iso, type Clock } from './clock.js';
import { assertMayRequest, DEFAULT_BOOKING_LIMITS, type BookingLimits } from './openRequests.js';
import type { CachedSlots, SlotCache } from './slotCache.js';
import { appointmentDto, compactSlotDto, slotDto } from './views.js';

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
    /** The slots endpoint's answers; every change below that frees or takes a slot invalidates its booth. */
    readonly slotCache: SlotCache,
    /** Caps on a guest's unanswered requests. Default DEFAULT_BOOKING_LIMITS. */
    private readonly limits: BookingLimits = DEFAULT_BOOKING_LIMITS,
  ) {}

  async boothContext(boothId: string): Promise<BoothContext> {
    const booth = await this.store.expo.booth(boothId);
    if (!booth) throw new AppError(ErrorCode.NotFound, 'no such booth');
    const event = await this.store.expo.event(booth.event_id);
    if (!event) throw new AppError(ErrorCode.NotFound, 'no such event');
    const staff = await this.store.expo.staffOf([booth.id]);
    return { booth, event, staff };
  }

  /**
   * The slots answer serialized, from the cache when this booth's slots did not change since
   * (see SlotCache). `view: 'compact'` leaves out the local-time strings, which a client
   * derives from `start`, `end` and the zones.
   */
  async slotsAnswer(boothId: string, query: SlotsQuery, viewer: AuthenticatedUser | undefined): Promise<CachedSlots> {
    const { from, to } = slotWindow(query);
    const zone = query.zone ?? viewer?.timeZone ?? '';
    const view = query.view ?? 'full';
    const key = [from, to, query.length ?? '', query.staffId ?? '', zone, view].join('\u0000');
    return this.slotCache.get(boothId, key, async () => {
      if (view === 'full') return this.slots(boothId, query, viewer);
      // The compact answer leaves the local-time records out (their date and time strings are still worked out by computeSlots).
      const { slots, seats, guestZone, meetingMinutes } = await this.#freeSlots(boothId, query, viewer);
      return {
        slots: slots.map((s) => compactSlotDto(s, seats(s.staffIds[0] ?? '', s.start))),
        guestZone,
        meetingMinutes,
      } satisfies CompactSlotsResponse;
    });
  }

  async slots(boothId: string, query: SlotsQuery, viewer: AuthenticatedUser | undefined): Promise<SlotsResponse> {
    const { slots, seats, guestZone, meetingMinutes } = await this.#freeSlots(boothId, query, viewer);
    return { slots: slots.map((s) => slotDto(s, seats(s.staffIds[0] ?? '', s.start))), guestZone, meetingMinutes };
  }

  async #freeSlots(boothId: string, query: SlotsQuery, viewer: AuthenticatedUser | undefined) {
    const { from, to } = slotWindow(query);
    const ctx = await this.boothContext(boothId);
    const guestZone = assertZone(query.zone ?? viewer?.timeZone ?? ctx.event.time_zone, 'zone');
    const staff = query.staffId ? ctx.staff.filter((s) => s.id === query.staffId) : ctx.staff;
    if (query.staffId && staff.length === 0) throw new AppError(ErrorCode.NotFound, 'no such staff member at this booth');
    const meetingMinutes = query.length ?? shortestLength(staff);
    const { slots, seats } = await this.#computeSlots({ ctx, staff, from, to, meetingMinutes, guestZone, store: this.store });
    return { slots, seats, guestZone, meetingMinutes };
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

    const row = await this.store.transaction(async (tx) => {
      // Serialise bookings of these staff members and this guest (row locks on PostgreSQL, the write lock on SQLite).
      await tx.appointments.lockForBooking({ staffIds: candidates.map((s) => s.id), guestId: guest.id });
      const free = await this.#computeSlots({
        ctx,
        staff: candidates,
        from: start,
        to: end,
        meetingMinutes: minutes,
        guestZone,
        store: tx,
        holder: guest.id,
      });
      const slot = free.slots.find((s) => s.start === start);
      if (!slot) {
        const offered = (
          await this.#computeSlots({ ctx, staff: candidates, from: start, to: end, meetingMinutes: minutes, guestZone, store: tx, ignoreBusy: true })
        ).slots.some((s) => s.start === start);
        if (offered) throw new AppError(ErrorCode.Conflict, 'this slot was just taken; please pick another time', { reason: 'taken' });
        throw new AppError(ErrorCode.BadRequest, 'this time is not a bookable slot of the booth', { reason: 'not-offered' });
      }
      const clash = await tx.appointments.activeForGuest(guest.id, iso(start), iso(end));
      if (clash.length > 0) {
        throw new AppError(ErrorCode.Conflict, 'you already have an appointment at this time', { reason: 'guest-busy' });
      }
      await assertMayRequest(tx, { guestId: guest.id, boothId: ctx.booth.id, now, limits: this.limits });
      // Join a group meeting that already has guests before opening a new one.
      const staffId = slot.staffIds.find((id) => free.seats(id, start) < (candidates.find((c) => c.id === id)?.group_size ?? 1)) ?? slot.staffIds[0]!;
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
        token_version: 0,
        missing_party: null,
        outcome_by: null,
        connection_test: null,
        handed_over_at: null,
        handed_over_from: null,
        interpreter_language: request.interpreterLanguage ?? null,
        interpreter_staff_id: null,
      };
      await tx.appointments.insert(newRow);
      return newRow;
    });
    this.slotCache.invalidate(row.booth_id);
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

  /**
   * A participant's change to an appointment. Every change is a compare-and-set against the
   * row as it was read: when another change landed in between (a guest's cancel racing a staff
   * member's accept), this one fails with 409 CONFLICT `lost-race` instead of overwriting it.
   */
  async update(user: AuthenticatedUser, id: string, change: UpdateAppointment): Promise<Appointment> {
    const { row, role } = await this.forParticipant(user, id);
    if (change.action === 'set_outcome') {
      return this.view(
        await this.applyStatus(row, { actorRole: role, action: 'set_outcome', outcome: change.outcome, fields: outcomeFields(change) }),
        role,
      );
    }
    if (change.action !== 'reschedule') {
      return this.view(await this.applyStatus(row, { actorRole: role, action: change.action, fields: outcomeFields(change) }), role);
    }
    return this.view(await this.#reschedule(row, role, parseInstant(change.start, 'start')), role);
  }

  /**
   * Moves `row` (as the caller read it) to the status `action` leads to, if the state machine
   * allows it, in a transaction whose write only lands while the row still has the status it
   * was read with. Returns the updated row; 409 CONFLICT `lost-race` when it had moved on.
   */
  async applyStatus(row: AppointmentRow, change: StatusChange): Promise<AppointmentRow> {
    const now = this.clock.now();
    const action = (
      change.action === 'set_outcome' ? { type: 'set_outcome', outcome: change.outcome } : { type: change.action }
    ) as AppointmentAction;
    const next = transition(stateOf(row), action, { actorRole: change.actorRole, now });
    const patch = { status: next.status, updated_at: iso(now), ...change.fields };
    await this.store.transaction(async (tx) => {
      if (!(await tx.appointments.updateIf(row.id, row, patch))) throw lostRace();
    });
    this.slotCache.invalidate(row.booth_id);
    return { ...row, ...patch };
  }

  async #reschedule(row: AppointmentRow, role: ActorRole, start: number): Promise<AppointmentRow> {
    const now = this.clock.now();
    const current = stateOf(row);
    const id = row.id;
    const end = start + (current.end - current.start);
    const next = transition(current, { type: 'reschedule', start, end }, { actorRole: role, now });
    const ctx = await this.boothContext(row.booth_id);
    const staff = ctx.staff.filter((s) => s.id === row.staff_id);
    const updated = await this.store.transaction(async (tx) => {
      await tx.appointments.lockForBooking({ staffIds: [row.staff_id], guestId: row.guest_id });
      const { slots } = await this.#computeSlots({
        ctx,
        staff,
        from: start,
        to: end,
        meetingMinutes: (end - start) / MINUTE,
        guestZone: row.guest_zone,
        store: tx,
        excludeAppointmentId: id,
      });
      if (!slots.some((s) => s.start === start)) {
        throw new AppError(ErrorCode.Conflict, 'the new time is not free; please pick another slot', { reason: 'taken' });
      }
      const clash = (await tx.appointments.activeForGuest(row.guest_id, iso(start), iso(end))).filter((r) => r.id !== id);
      if (clash.length > 0) {
        throw new AppError(ErrorCode.Conflict, 'the guest already has an appointment at that time', { reason: 'guest-busy' });
      }
      const patch = { start_at: iso(start), end_at: iso(end), status: next.status, updated_at: iso(now) };
      if (!(await tx.appointments.updateIf(id, row, patch))) throw lostRace();
      return { ...row, ...patch };
    });
    this.slotCache.invalidate(row.booth_id);
    return updated;
  }

  async view(row: AppointmentRow, role: ActorRole): Promise<Appointment> {
    const [view] = await this.views([{ row, role }]);
    return view!;
  }

  /** Appointments as their viewers see them; the names come from three queries however many rows there are. */
  async views(entries: readonly { row: AppointmentRow; role: ActorRole }[]): Promise<Appointment[]> {
    const distinct = (pick: (row: AppointmentRow) => string) => [...new Set(entries.map((e) => pick(e.row)))];
    const interpreterIds = [...new Set(entries.flatMap((e) => (e.row.interpreter_staff_id ? [e.row.interpreter_staff_id] : [])))];
    const [booths, staff, guests, interpreters] = await Promise.all([
      this.store.expo.boothNames(distinct((r) => r.booth_id)),
      this.store.expo.staffNames(distinct((r) => r.staff_id)),
      this.store.users.names(distinct((r) => r.guest_id)),
      this.store.expo.staffPeople(interpreterIds),
    ]);
    const now = this.clock.now();
    return entries.map(({ row, role }) =>
      appointmentDto(
        row,
        {
          boothName: booths.get(row.booth_id) ?? '',
          staffName: staff.get(row.staff_id) ?? '',
          guestName: guests.get(row.guest_id) ?? '',
          interpreter: row.interpreter_staff_id === null ? undefined : interpreters.get(row.interpreter_staff_id),
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
    /** The store to read busy times from: inside a booking, its transaction's. */
    store: Store;
    ignoreBusy?: boolean;
    excludeAppointmentId?: string;
    /** The guest booking: a time held for them by the waitlist is free to them (and busy to everyone else). */
    holder?: string;
  }): Promise<{ slots: Slot[]; seats: (staffId: string, start: number) => number }> {
    const maxBuffer = Math.max(0, ...args.staff.map((s) => s.buffer_minutes)) * MINUTE;
    const busyRows = args.ignoreBusy
      ? []
      : await args.store.appointments.activeForStaff(
          args.staff.map((s) => s.id),
          iso(args.from - maxBuffer - 240 * MINUTE),
          iso(args.to + maxBuffer + 240 * MINUTE),
        );
    const holds = args.ignoreBusy
      ? []
      : await args.store.waitlist.heldBetween(
          args.staff.map((s) => s.id),
          iso(args.from - maxBuffer),
          iso(args.to + maxBuffer),
          iso(this.clock.now()),
        );
    const busy: BusyInterval[] = [
      ...busyRows
        .filter((r) => r.id !== args.excludeAppointmentId)
        .map((r) => ({ staffId: r.staff_id, start: Date.parse(r.start_at), end: Date.parse(r.end_at) })),
      ...holds
        .filter((h) => h.guest_id !== args.holder)
        .map((h) => ({ staffId: h.offer_staff_id!, start: Date.parse(h.offer_start!), end: Date.parse(h.offer_end!) })),
    ];
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

/** A status change and who makes it; `fields` are written with it (an outcome's details). */
type StatusChange = { actorRole: ActorRole; fields?: OutcomeFields } & (
  { action: Exclude<AppointmentActionType, 'reschedule' | 'set_outcome'> } | { action: 'set_outcome'; outcome: 'completed' | 'no_show' }
);

type OutcomeFields = Partial<Pick<AppointmentRow, 'missing_party' | 'outcome_by'>>;

/** A staff decision on the outcome: who was missing (a no-show: the guest unless told) and that staff decided. */
function outcomeFields(change: UpdateAppointment): OutcomeFields {
  if (change.action === 'complete') return { missing_party: null, outcome_by: 'staff' };
  if (change.action === 'no_show') return { missing_party: change.missing ?? 'guest', outcome_by: 'staff' };
  if (change.action !== 'set_outcome') return {};
  return { missing_party: change.outcome === 'no_show' ? (change.missing ?? 'guest') : null, outcome_by: 'staff' };
}

const stateOf = (row: AppointmentRow) => ({ ...row, start: Date.parse(row.start_at), end: Date.parse(row.end_at) });

/** Another change to the same appointment committed between this one's read and its write. */
const lostRace = () =>
  new AppError(ErrorCode.Conflict, 'this appointment was just changed by someone else; please reload it', { reason: 'lost-race' });
type SlotsQuery = z.output<typeof slotsQuerySchema>;

/** The query's window as instants; 400 when it is empty or longer than MAX_QUERY_DAYS. */
function slotWindow(query: SlotsQuery): { from: number; to: number } {
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  if (to <= from) throw new AppError(ErrorCode.BadRequest, '`to` must be after `from`');
  if (to - from > MAX_QUERY_DAYS * 86_400_000) {
    throw new AppError(ErrorCode.BadRequest, `ask for at most ${MAX_QUERY_DAYS} days at once`);
  }
  return { from, to };
}

function shortestLength(staff: readonly StaffWithUser[]): number {
  const lengths = staff.flatMap((s) => JSON.parse(s.meeting_lengths) as number[]);
  if (lengths.length === 0) throw new AppError(ErrorCode.NotFound, 'this booth takes no appointments');
  return Math.min(...lengths);
}
