import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  ErrorCode,
  type TalkDto,
  type AgendaWarningDto,
  type AvailabilityDto,
  type createBoothSchema,
  type createEventSchema,
  type createTalkSchema,
  type createStaffSchema,
} from '@ca/signaling';
import { assertZone, checkAgenda, parseInstant, validateAvailability, type Weekday } from '../domain/index.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { TalkRow } from '../store/schema.js';
import type { AuthService } from './auth.js';
import { availabilityDto, eventWindowOf } from './availability.js';
import { iso, type Clock } from './clock.js';
import type { SlotCache } from './slotCache.js';

/** Monday to Friday, 09:00–17:00 in the staff member's zone: where a new staff member starts. */
export const DEFAULT_AVAILABILITY: Omit<AvailabilityDto, 'timeZone'> & { groupSize: number } = {
  weekly: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  exceptions: [],
  bufferMinutes: 5,
  meetingLengths: [15, 30],
  groupSize: 1,
};

/** What organizers set up (events, halls, booths, staff, agenda) and what staff edit (their availability). */
export class OrganizerService {
  constructor(
    private readonly store: Store,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly slotCache: SlotCache,
  ) {}

  async createEvent(input: z.output<typeof createEventSchema>): Promise<string> {
    const zone = assertZone(input.timeZone, 'timeZone');
    if (input.endsOn < input.startsOn) throw new AppError(ErrorCode.BadRequest, 'the event must end on or after its start date');
    const id = randomUUID();
    await this.store.expo.insertEvent({
      id,
      name: input.name,
      description: input.description,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      time_zone: zone,
      created_at: iso(this.clock.now()),
    });
    return id;
  }

  async createHall(eventId: string, name: string): Promise<string> {
    if (!(await this.store.expo.event(eventId))) throw new AppError(ErrorCode.NotFound, 'no such event');
    const id = randomUUID();
    const position = (await this.store.expo.halls(eventId)).length;
    await this.store.expo.insertHall({ id, event_id: eventId, name, position });
    return id;
  }

  async createBooth(eventId: string, input: z.output<typeof createBoothSchema>): Promise<string> {
    const hall = await this.store.expo.hall(input.hallId);
    if (!hall || hall.event_id !== eventId) throw new AppError(ErrorCode.NotFound, 'no such hall in this event');
    const id = randomUUID();
    await this.store.expo.insertBooth({
      id,
      event_id: eventId,
      hall_id: hall.id,
      organisation: input.organisation,
      description: input.description,
      tags: JSON.stringify(input.tags),
      languages: JSON.stringify(input.languages),
      country: input.country,
      logo_url: input.logoUrl,
      created_at: iso(this.clock.now()),
    });
    return id;
  }

  /** Creates the staff member's account (role staff) and their place at the booth, in one transaction. */
  async createStaff(boothId: string, input: z.output<typeof createStaffSchema>): Promise<string> {
    if (!(await this.store.expo.booth(boothId))) throw new AppError(ErrorCode.NotFound, 'no such booth');
    const user = await this.auth.createAccount({ ...input, role: 'staff' });
    const id = randomUUID();
    const insert = this.store.expo.insertStaff({
      id,
      booth_id: boothId,
      user_id: user.id,
      title: input.title,
      time_zone: user.time_zone,
      availability: JSON.stringify({ weekly: DEFAULT_AVAILABILITY.weekly, exceptions: [] }),
      buffer_minutes: DEFAULT_AVAILABILITY.bufferMinutes,
      meeting_lengths: JSON.stringify(DEFAULT_AVAILABILITY.meetingLengths),
    });
    // Nothing half-written: without a staff row the new account is removed again.
    await insert.catch(async (err: unknown) => {
      await this.store.users.delete(user.id);
      throw err;
    });
    this.slotCache.invalidate(boothId);
    return id;
  }

  async availability(userId: string, staffId: string): Promise<AvailabilityDto> {
    return availabilityDto(await this.#ownStaff(userId, staffId));
  }

  async setAvailability(userId: string, staffId: string, input: AvailabilityDto): Promise<AvailabilityDto> {
    const staff = await this.#ownStaff(userId, staffId);
    validateAvailability({
      staffId,
      zone: input.timeZone,
      weekly: input.weekly.map((r) => ({ ...r, weekday: r.weekday as Weekday })),
      exceptions: input.exceptions,
      bufferMinutes: input.bufferMinutes,
      meetingLengths: input.meetingLengths,
    });
    await this.store.expo.updateAvailability(staffId, {
      time_zone: assertZone(input.timeZone, 'timeZone'),
      availability: JSON.stringify({ weekly: input.weekly, exceptions: input.exceptions }),
      buffer_minutes: input.bufferMinutes,
      meeting_lengths: JSON.stringify([...new Set(input.meetingLengths)].sort((a, b) => a - b)),
      group_size: input.groupSize ?? 1,
    });
    this.slotCache.invalidate(staff.booth_id);
    return this.availability(userId, staffId);
  }

  async createTalk(eventId: string, input: z.output<typeof createTalkSchema>): Promise<{ session: TalkDto; warnings: AgendaWarningDto[] }> {
    const hall = await this.store.expo.hall(input.hallId);
    if (!hall || hall.event_id !== eventId) throw new AppError(ErrorCode.NotFound, 'no such hall in this event');
    const start = parseInstant(input.start, 'start');
    const end = parseInstant(input.end, 'end');
    if (end <= start) throw new AppError(ErrorCode.BadRequest, 'a session must end after it starts');
    const row: TalkRow = {
      id: randomUUID(),
      event_id: eventId,
      hall_id: hall.id,
      title: input.title,
      kind: input.kind,
      speakers: JSON.stringify(input.speakers),
      start_at: iso(start),
      end_at: iso(end),
      capacity: input.capacity,
    };
    await this.store.agenda.insert(row);
    const { warnings } = await this.agenda(eventId);
    return { session: talkDto(row), warnings: warnings.filter((w) => w.sessionIds.includes(row.id)) };
  }

  /** Removes a session (for example to resolve a conflict) and returns the agenda with its warnings. */
  async removeTalk(sessionId: string): Promise<{ sessions: TalkDto[]; warnings: AgendaWarningDto[] }> {
    const row = await this.store.agenda.byId(sessionId);
    if (!row) throw new AppError(ErrorCode.NotFound, 'no such session');
    await this.store.agenda.delete(sessionId);
    return this.agenda(row.event_id);
  }

  async agenda(eventId: string): Promise<{ sessions: TalkDto[]; warnings: AgendaWarningDto[] }> {
    const event = await this.store.expo.event(eventId);
    if (!event) throw new AppError(ErrorCode.NotFound, 'no such event');
    const rows = await this.store.agenda.forEvent(eventId);
    const warnings = checkAgenda(
      rows.map((r) => ({
        id: r.id,
        title: r.title,
        stageId: r.hall_id,
        speakerIds: JSON.parse(r.speakers) as string[],
        start: Date.parse(r.start_at),
        end: Date.parse(r.end_at),
      })),
      eventWindowOf(event),
    );
    return {
      sessions: rows.map(talkDto),
      warnings: warnings.map((w) => ({
        kind: w.kind,
        sessionIds: [...w.sessionIds],
        titles: w.sessionIds.map((id) => rows.find((r) => r.id === id)?.title ?? ''),
        message: w.message,
      })),
    };
  }

  async #ownStaff(userId: string, staffId: string) {
    const staff = (await this.store.expo.staffByUser(userId)).find((s) => s.id === staffId);
    if (!staff) throw new AppError(ErrorCode.NotFound, 'no such staff member of yours');
    return staff;
  }
}

function talkDto(row: TalkRow): TalkDto {
  return {
    id: row.id,
    eventId: row.event_id,
    hallId: row.hall_id,
    title: row.title,
    kind: row.kind,
    speakers: JSON.parse(row.speakers) as string[],
    start: row.start_at,
    end: row.end_at,
    capacity: row.capacity,
  };
}
