import type { AvailabilityDto } from '@ca/signaling';
import type { Availability, EventWindow, Weekday } from '../domain/index.js';
import type { EventRow, StaffRow } from '../store/schema.js';

type StoredAvailability = Pick<AvailabilityDto, 'weekly' | 'exceptions'>;

/** A staff row's stored availability as the domain's Availability. */
export function availabilityOf(staff: StaffRow): Availability {
  const stored = JSON.parse(staff.availability) as StoredAvailability;
  return {
    staffId: staff.id,
    zone: staff.time_zone,
    weekly: stored.weekly.map((r) => ({ ...r, weekday: r.weekday as Weekday })),
    exceptions: stored.exceptions,
    bufferMinutes: staff.buffer_minutes,
    meetingLengths: JSON.parse(staff.meeting_lengths) as number[],
  };
}

/** The availability DTO an exhibitor edits. */
export function availabilityDto(staff: StaffRow): AvailabilityDto & { groupSize: number } {
  const stored = JSON.parse(staff.availability) as StoredAvailability;
  return {
    timeZone: staff.time_zone,
    weekly: stored.weekly,
    exceptions: stored.exceptions,
    bufferMinutes: staff.buffer_minutes,
    meetingLengths: JSON.parse(staff.meeting_lengths) as number[],
    groupSize: staff.group_size,
  };
}

export function eventWindowOf(event: EventRow): EventWindow {
  return { startDate: event.starts_on, endDate: event.ends_on, zone: event.time_zone };
}
