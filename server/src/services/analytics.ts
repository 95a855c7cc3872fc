import { ErrorCode, type AnalyticsQuery, type BoothAnalytics, type EventAnalytics } from '@ca/signaling';
import { appointmentCounts, parseInstant, qualityBreakdown, Tally, visitBucket, type LocalDate, type QualitySummary } from '../domain/index.js';
import { AppError } from '../errors.js';
import { appointmentRoomId, boothRoomId, stageRoomId } from '../meeting/roomKinds.js';
import type { Store } from '../store/index.js';
import type { AppointmentRow, AttendanceRow } from '../store/schema.js';
import { analyticsRange, type AnalyticsRange } from './analyticsRange.js';
import type { AuthenticatedUser } from './auth.js';
import { iso, type Clock } from './clock.js';

/** What a set of booths did in a range: appointments, walk-ins and visits placed on local days. */
type BoothActivity = {
  appointments: AppointmentRow[];
  walkIns: AttendanceRow[];
  meetingRows: AttendanceRow[];
  visits: { booth_id: string; bucket: string; visits: number }[];
};

const quality = (row: AttendanceRow): QualitySummary | null => (row.quality === null ? null : (JSON.parse(row.quality) as QualitySummary));

/**
 * The dashboards: a booth's numbers for its staff, an event's for organizers. Everything is
 * counted from what the platform itself saw (appointments, the media server's attendance,
 * anonymous page-visit counts) and placed on local days and hours of the zone asked for.
 * Personal data never appears: guests are counted, not listed.
 */
export class AnalyticsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Counts a visit of a booth's page (anonymous); NOT_FOUND for an unknown booth. */
  async recordVisit(boothId: string): Promise<void> {
    if (!(await this.store.expo.booth(boothId))) throw new AppError(ErrorCode.NotFound, 'no such booth');
    await this.store.analytics.countVisit(boothId, iso(visitBucket(this.clock.now())));
  }

  /** One booth's dashboard; FORBIDDEN for anyone but its staff (an unknown booth answers the same). */
  async booth(user: AuthenticatedUser, boothId: string, query: AnalyticsQuery): Promise<BoothAnalytics> {
    if (!user.boothIds.includes(boothId)) throw new AppError(ErrorCode.Forbidden, "only this booth's staff see its numbers");
    const booth = await this.store.expo.booth(boothId);
    const event = booth && (await this.store.expo.event(booth.event_id));
    if (!booth || !event) throw new AppError(ErrorCode.NotFound, 'no such booth');
    const me = (await this.store.expo.staffOf([boothId])).find((s) => s.user_id === user.id);
    const range = analyticsRange(query, event, me?.time_zone ?? event.time_zone);
    const activity = await this.#activity([boothId], range);
    const byDay = new Tally<LocalDate>();
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, meetings: 0, walkIns: 0 }));
    const statuses = { declined: 0, cancelled: 0, expired: 0 };
    for (const a of activity.appointments) {
      const at = range.calendar.place(parseInstant(a.start_at))!;
      byDay.add(at.date, appointmentCounts(a.status));
      if (a.status === 'completed') hours[at.hour]!.meetings += 1;
      if (a.status === 'declined' || a.status === 'cancelled' || a.status === 'expired') statuses[a.status] += 1;
    }
    for (const w of activity.walkIns) {
      const at = range.calendar.place(parseInstant(w.first_join_at))!;
      byDay.add(at.date, { walkIns: 1 });
      hours[at.hour]!.walkIns += 1;
    }
    this.#addVisits(activity, range, byDay);
    const leads = await this.#leads(boothId, activity.appointments);
    return {
      boothId,
      timeZone: range.calendar.zone,
      from: range.calendar.from,
      to: range.calendar.to,
      totals: { ...byDay.total(), ...statuses, averageMeetingMinutes: averageMinutes(activity), ...leads },
      daily: range.calendar.days().map((date) => ({ date, ...byDay.get(date) })),
      hours,
      quality: qualityBreakdown([...activity.meetingRows, ...activity.walkIns].map(quality).filter((q) => q !== null)),
    };
  }

  /** The event's dashboard (organizers): totals, per booth, per hall, per day, guests by country and language. */
  async event(user: AuthenticatedUser, eventId: string, query: AnalyticsQuery): Promise<EventAnalytics> {
    if (user.role !== 'organizer') throw new AppError(ErrorCode.Forbidden, "only organizers see the event's numbers");
    const event = await this.store.expo.event(eventId);
    if (!event) throw new AppError(ErrorCode.NotFound, 'no such event');
    const range = analyticsRange(query, event, event.time_zone);
    const [booths, halls, talks] = await Promise.all([
      this.store.expo.booths(eventId),
      this.store.expo.halls(eventId),
      this.store.agenda.forEvent(eventId),
    ]);
    const activity = await this.#activity(
      booths.map((b) => b.id),
      range,
    );
    const byDay = new Tally<LocalDate>();
    const byBooth = new Tally<string>();
    for (const a of activity.appointments) {
      const counts = appointmentCounts(a.status);
      byDay.add(range.calendar.place(parseInstant(a.start_at))!.date, counts);
      byBooth.add(a.booth_id, counts);
    }
    for (const w of activity.walkIns) {
      byDay.add(range.calendar.place(parseInstant(w.first_join_at))!.date, { walkIns: 1 });
      byBooth.add(w.room_id.slice(boothRoomId('').length), { walkIns: 1 });
    }
    this.#addVisits(activity, range, byDay, byBooth);
    const stageRows = (await this.store.analytics.attendanceIn(talks.map((t) => stageRoomId(t.id)))).filter(
      (r) => r.role !== 'host' && range.calendar.place(parseInstant(r.first_join_at)) !== undefined,
    );
    const stageViewersOf = (hallId: string) => {
      const roomIds = new Set(talks.filter((t) => t.hall_id === hallId).map((t) => stageRoomId(t.id)));
      return new Set(stageRows.filter((r) => roomIds.has(r.room_id)).map((r) => r.user_id)).size;
    };
    const cards = (await Promise.all(booths.map((b) => this.store.leads.cardsOfBooth(b.id)))).flat();
    const inRange = new Set(activity.appointments.map((a) => a.id));
    const guests = [...new Set([...activity.appointments.map((a) => a.guest_id), ...activity.walkIns.map((w) => w.user_id)])];
    const profiles = await this.store.analytics.profiles(guests);
    return {
      eventId,
      timeZone: range.calendar.zone,
      from: range.calendar.from,
      to: range.calendar.to,
      totals: {
        ...byDay.total(),
        stageViewers: new Set(stageRows.map((r) => r.user_id)).size,
        cardsShared: cards.filter((c) => c.revoked_at === null && inRange.has(c.appointment_id)).length,
      },
      daily: range.calendar.days().map((date) => ({ date, ...byDay.get(date) })),
      booths: booths.map((b) => ({ boothId: b.id, organisation: b.organisation, hallId: b.hall_id, ...byBooth.get(b.id) })),
      halls: halls.map((h) => {
        const hallTally = new Tally<string>();
        for (const b of booths.filter((x) => x.hall_id === h.id)) hallTally.add(h.id, byBooth.get(b.id));
        return { hallId: h.id, name: h.name, ...hallTally.get(h.id), stageViewers: stageViewersOf(h.id) };
      }),
      countries: shares(profiles.map((p) => p.country)),
      languages: shares(profiles.map((p) => p.language)),
    };
  }

  /** Appointments starting, walk-ins arriving and meeting attendance of these booths within the range. */
  async #activity(boothIds: string[], range: AnalyticsRange): Promise<BoothActivity> {
    const placed = (instant: string) => range.calendar.place(parseInstant(instant)) !== undefined;
    const appointments = (await this.store.appointments.forBooths(boothIds)).filter((a) => placed(a.start_at));
    const [walkInRows, meetingRows, visits] = await Promise.all([
      this.store.analytics.attendanceIn(boothIds.map(boothRoomId)),
      this.store.analytics.attendanceIn(appointments.map((a) => appointmentRoomId(a.id))),
      this.store.analytics.visits(boothIds, iso(range.fromInstant), iso(range.toInstant)),
    ]);
    return { appointments, walkIns: walkInRows.filter((r) => r.role !== 'host' && placed(r.first_join_at)), meetingRows, visits };
  }

  /** Adds the visits counted in the range to their local days (and, given, to their booths). */
  #addVisits(activity: BoothActivity, range: AnalyticsRange, byDay: Tally<LocalDate>, byBooth?: Tally<string>): void {
    for (const v of activity.visits) {
      const at = range.calendar.place(parseInstant(v.bucket));
      if (!at) continue;
      byDay.add(at.date, { visits: v.visits });
      byBooth?.add(v.booth_id, { visits: v.visits });
    }
  }

  async #leads(boothId: string, appointments: AppointmentRow[]) {
    const [cards, notes] = await Promise.all([this.store.leads.cardsOfBooth(boothId), this.store.leads.notesOfBooth(boothId)]);
    const ids = new Set(appointments.map((a) => a.id));
    const shared = new Set(cards.filter((c) => c.revoked_at === null && ids.has(c.appointment_id)).map((c) => c.appointment_id));
    const ratings = new Map(notes.filter((n) => ids.has(n.appointment_id)).map((n) => [n.appointment_id, n.rating]));
    const leads = { hot: 0, warm: 0, cold: 0, unrated: 0 };
    // A lead: a meeting that was held or brought a card; rated by its staff or not (yet).
    for (const a of appointments) {
      const rating = ratings.get(a.id);
      if (rating === 'hot' || rating === 'warm' || rating === 'cold') leads[rating] += 1;
      else if (a.status === 'completed' || shared.has(a.id)) leads.unrated += 1;
    }
    return { cardsShared: shared.size, leads };
  }
}

/** Mean minutes the guests of held meetings spent in them (a group meeting's room may be another booking's). */
function averageMinutes(activity: BoothActivity): number | null {
  const held = activity.appointments.filter((a) => a.status === 'completed');
  const meetingOf = (a: AppointmentRow) =>
    activity.appointments.filter((b) => b.staff_id === a.staff_id && b.start_at === a.start_at).map((b) => appointmentRoomId(b.id));
  const seconds = held
    .map((a) => {
      const rooms = new Set(meetingOf(a));
      return activity.meetingRows.find((r) => r.user_id === a.guest_id && rooms.has(r.room_id))?.seconds;
    })
    .filter((s): s is number => s !== undefined);
  if (seconds.length === 0) return null;
  return Math.round((seconds.reduce((x, y) => x + y, 0) / seconds.length / 60) * 10) / 10;
}

/** Counts per value, largest first (ties by value). */
function shares(values: readonly string[]): { key: string; guests: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([key, guests]) => ({ key, guests })).sort((a, b) => b.guests - a.guests || a.key.localeCompare(b.key));
}
