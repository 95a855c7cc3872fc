import type { BusyInterval, Slot } from './slots.js';

/** Guests already booked into one staff member's meeting at one exact time. */
export interface GroupMeeting extends BusyInterval {
  guests: number;
  /** Most guests this staff member takes in one meeting (1 = one-to-one). */
  capacity: number;
}

/**
 * Groups a staff member's booked meetings by their exact time. A meeting with fewer
 * guests than the staff member's group size still has seats: another guest may book
 * that same time (and only that time; overlapping times stay busy).
 */
export function groupMeetings(busy: readonly BusyInterval[], groupSizeOf: (staffId: string) => number): GroupMeeting[] {
  const byKey = new Map<string, GroupMeeting>();
  for (const b of busy) {
    const key = `${b.staffId}|${b.start}|${b.end}`;
    const found = byKey.get(key);
    if (found) found.guests += 1;
    else byKey.set(key, { staffId: b.staffId, start: b.start, end: b.end, guests: 1, capacity: Math.max(1, groupSizeOf(b.staffId)) });
  }
  return [...byKey.values()];
}

/** Meetings that still have a seat. */
export function withSeatsLeft(groups: readonly GroupMeeting[]): GroupMeeting[] {
  return groups.filter((g) => g.guests < g.capacity);
}

/** Busy time without one meeting (to ask whether its exact time is still a valid slot for another guest). */
export function busyWithout(busy: readonly BusyInterval[], meeting: BusyInterval): BusyInterval[] {
  return busy.filter((b) => !(b.staffId === meeting.staffId && b.start === meeting.start && b.end === meeting.end));
}

/** Adds slots (of meetings with seats left) to a sorted slot list; slots at the same time merge their staff. */
export function mergeSlots(base: readonly Slot[], extra: readonly Slot[]): Slot[] {
  const byStart = new Map<number, Slot>(base.map((s) => [s.start, s]));
  for (const slot of extra) {
    const existing = byStart.get(slot.start);
    if (!existing) {
      byStart.set(slot.start, slot);
      continue;
    }
    byStart.set(slot.start, {
      ...existing,
      staffIds: [...new Set([...existing.staffIds, ...slot.staffIds])].sort(),
      staffLocal: { ...existing.staffLocal, ...slot.staffLocal },
    });
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
