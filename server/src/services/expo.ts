import { ErrorCode, type Booth, type ExpoEvent } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { BoothRow, EventRow } from '../store/schema.js';
import type { StaffWithUser } from '../store/expo.js';

export type BoothFilter = { q?: string | undefined; tag?: string | undefined; language?: string | undefined; country?: string | undefined };

/** Tells whether a user is in a meeting room now. */
export type Presence = { online: (userId: string) => boolean };

/** The public catalogue: events, halls, booths and who staffs them. */
export class ExpoService {
  constructor(
    private readonly store: Store,
    private readonly presence: Presence,
  ) {}

  async events(): Promise<ExpoEvent[]> {
    const rows = await this.store.expo.events();
    return Promise.all(rows.map((row) => this.#event(row)));
  }

  async event(id: string): Promise<ExpoEvent> {
    const row = await this.store.expo.event(id);
    if (!row) throw new AppError(ErrorCode.NotFound, 'no such event');
    return this.#event(row);
  }

  async booths(eventId: string, filter: BoothFilter): Promise<Booth[]> {
    if (!(await this.store.expo.event(eventId))) throw new AppError(ErrorCode.NotFound, 'no such event');
    const rows = await this.store.expo.booths(eventId);
    const staff = await this.store.expo.staffOf(rows.map((r) => r.id));
    const q = filter.q?.trim().toLowerCase();
    return rows
      .map((row) => this.#booth(row, staff))
      .filter(
        (b) =>
          (!q || `${b.organisation} ${b.description} ${b.tags.join(' ')}`.toLowerCase().includes(q)) &&
          (!filter.tag || b.tags.some((t) => t.toLowerCase() === filter.tag!.toLowerCase())) &&
          (!filter.language || b.languages.some((l) => l === filter.language || l.startsWith(`${filter.language}-`))) &&
          (!filter.country || b.country === filter.country),
      );
  }

  async booth(id: string): Promise<Booth> {
    const row = await this.store.expo.booth(id);
    if (!row) throw new AppError(ErrorCode.NotFound, 'no such booth');
    return this.#booth(row, await this.store.expo.staffOf([id]));
  }

  async #event(row: EventRow): Promise<ExpoEvent> {
    const halls = await this.store.expo.halls(row.id);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      timeZone: row.time_zone,
      halls: halls.map((h) => ({ id: h.id, name: h.name, position: h.position })),
    };
  }

  #booth(row: BoothRow, allStaff: StaffWithUser[]): Booth {
    const staff = allStaff.filter((s) => s.booth_id === row.id);
    return {
      id: row.id,
      eventId: row.event_id,
      hallId: row.hall_id,
      organisation: row.organisation,
      description: row.description,
      tags: JSON.parse(row.tags) as string[],
      languages: JSON.parse(row.languages) as string[],
      country: row.country,
      logoUrl: row.logo_url,
      live: staff.some((s) => this.presence.online(s.user_id)),
      staff: staff.map((s) => ({
        id: s.id,
        name: s.name,
        title: s.title,
        timeZone: s.time_zone,
        meetingLengths: JSON.parse(s.meeting_lengths) as number[],
      })),
    };
  }
}
