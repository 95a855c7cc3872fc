import { AVAILABILITY_LIMITS, availabilityRanges, type Availability } from './availability.js';
import { eventInterval, type EventWindow } from './event-window.js';
import { contains, overlaps, type Interval, type TimeWindow } from './interval.js';
import {
  DAY,
  MINUTE,
  assertInstant,
  assertZone,
  dstChangeBetween,
  isNightAtOffset,
  localPartsAtOffset,
  type Instant,
  type LocalParts,
  type OffsetTransition,
  type ZoneName,
} from './time.js';
import { invalid, isIntegerBetween, throwIfIssues, type Issue } from './validation.js';
import { ZoneOffsets } from './zone-offsets.js';

/** Time a staff member is already committed (a requested or confirmed appointment). */
export interface BusyInterval extends Interval {
  staffId: string;
}

export const SLOT_DEFAULTS = {
  minNoticeMinutes: 60,
  /** The longest [from, to) window one call may ask for. */
  maxWindowDays: 92,
} as const;

/** Options for `computeSlots`. */
export interface ComputeSlotsOptions {
  /** One entry per staff member of the booth ("any available rep" = the union of them). */
  availability: readonly Availability[];
  /** Length of the meeting, 5–240; staff members who do not offer it are skipped. */
  meetingMinutes: number;
  /** Only slots that lie entirely inside [from, to) are returned. At most 92 days. */
  window: TimeWindow;
  /** Only slots entirely inside the event's dates (inclusive, in the event's zone). */
  eventWindow: EventWindow;
  /** Existing appointments per staff member; each staff member's buffer is kept around them. Default none. */
  busy?: readonly BusyInterval[];
  /** The current instant, passed in: the domain never reads a clock. */
  now: Instant;
  /** A slot may not start sooner than this after `now`. Default 60. */
  minNoticeMinutes?: number;
  /** The guest's zone, for `guestLocal`, night marking and DST warnings. */
  guestZone: ZoneName;
  /**
   * Minutes between slot starts (5–1440), counted from the start of each availability range.
   * Default `meetingMinutes`.
   */
  stepMinutes?: number;
}

/** The wall clock of some zone changes between now and a slot. */
export interface DstWarning {
  zone: ZoneName;
  /** When the new offset starts. */
  at: Instant;
  offsetBeforeMinutes: number;
  offsetAfterMinutes: number;
  /** True when it is the guest's zone. */
  forGuest: boolean;
  /** The slot's staff members who are in this zone. */
  staffIds: string[];
}

/** A bookable meeting time. */
export interface Slot {
  start: Instant;
  end: Instant;
  /** Staff members free for the whole slot (buffer included), sorted. */
  staffIds: string[];
  /** The zone of the first of `staffIds` (the one "any available rep" books). */
  staffZone: ZoneName;
  guestLocal: LocalParts;
  /** Local time of the slot start for each staff member in `staffIds`. */
  staffLocal: Record<string, LocalParts>;
  /** Some part of the slot lies outside 08:00–20:00 in the guest's zone. */
  nightForGuest: boolean;
  /** The slot is at night (as above) for every listed staff member. */
  nightForStaff: boolean;
  /** Listed staff members for whom the slot is at night. */
  staffAtNight: string[];
  /** 2 = inside both parties' working day, 1 = one of them, 0 = neither. */
  score: 0 | 1 | 2;
  /** score === 2: inside the guest's working day and at least one listed staff member's. */
  preferred: boolean;
  /**
   * Present when a zone involved (the guest's or a listed staff member's) changes its UTC
   * offset after `now` and before the slot ends, including during the meeting. One entry per
   * zone and change.
   */
  dstWarnings?: DstWarning[];
}

interface StaffPlan {
  staffId: string;
  zone: ZoneName;
  ranges: Interval[];
  blocked: Interval[];
}

function checkOptions(options: ComputeSlotsOptions): { notice: number; step: number } {
  const issues: Issue[] = [];
  const { min, max } = AVAILABILITY_LIMITS.meetingMinutes;
  const notice = options.minNoticeMinutes ?? SLOT_DEFAULTS.minNoticeMinutes;
  const step = options.stepMinutes ?? options.meetingMinutes;
  if (!isIntegerBetween(options.meetingMinutes, min, max)) {
    issues.push({ path: 'meetingMinutes', message: `must be whole minutes, ${min}–${max}` });
  }
  if (!isIntegerBetween(notice, 0, 366 * 24 * 60)) {
    issues.push({ path: 'minNoticeMinutes', message: 'must be whole minutes ≥ 0' });
  }
  if (options.stepMinutes !== undefined && !isIntegerBetween(step, 5, 24 * 60)) {
    issues.push({ path: 'stepMinutes', message: 'must be whole minutes, 5–1440' });
  }
  const staffIds = options.availability.map((a) => a.staffId);
  staffIds.forEach((id, index) => {
    if (staffIds.indexOf(id) !== index) {
      issues.push({ path: `availability.${index}.staffId`, message: 'duplicates another entry' });
    }
  });
  assertInstant(options.now, 'now');
  assertInstant(options.window.from, 'window.from');
  assertInstant(options.window.to, 'window.to');
  if (options.window.to <= options.window.from) issues.push({ path: 'window.to', message: 'must be after from' });
  else if (options.window.to - options.window.from > SLOT_DEFAULTS.maxWindowDays * DAY) {
    issues.push({ path: 'window', message: `must span at most ${SLOT_DEFAULTS.maxWindowDays} days` });
  }
  throwIfIssues('invalid slot query', issues);
  return { notice, step };
}

function planStaff(options: ComputeSlotsOptions, bounds: TimeWindow): StaffPlan[] {
  const offering = options.availability.filter((a) => a.meetingLengths.includes(options.meetingMinutes));
  if (offering.length === 0 && options.availability.length > 0) {
    throw invalid('meeting length not offered', [{ path: 'meetingMinutes', message: 'no staff member offers meetings of this length' }]);
  }
  return offering.map((availability) => {
    const buffer = (availability.bufferMinutes ?? 0) * MINUTE;
    const blocked = (options.busy ?? [])
      .filter((b) => b.staffId === availability.staffId)
      .map((b) => ({ start: b.start - buffer, end: b.end + buffer }));
    return {
      staffId: availability.staffId,
      zone: assertZone(availability.zone),
      ranges: availabilityRanges(availability, bounds),
      blocked,
    };
  });
}

function isFree(plan: StaffPlan, slot: Interval): boolean {
  return plan.ranges.some((r) => contains(r, slot)) && !plan.blocked.some((b) => overlaps(b, slot));
}

/** Candidate starts: each staff member's grid, counted from the start of each of their ranges. */
function candidateStarts(plans: readonly StaffPlan[], bounds: TimeWindow, length: number, step: number): Instant[] {
  const starts = new Set<Instant>();
  for (const plan of plans) {
    for (const range of plan.ranges) {
      const skip = Math.max(0, Math.ceil((bounds.from - range.start) / step));
      for (let start = range.start + skip * step; start + length <= Math.min(range.end, bounds.to); start += step) {
        starts.add(start);
      }
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function overlapsNight(slot: Interval, offsets: ZoneOffsets): boolean {
  return isNightAtOffset(slot.start, offsets.offset(slot.start)) || isNightAtOffset(slot.end - 1, offsets.offset(slot.end - 1));
}

function dstWarnings(
  slot: Interval,
  now: Instant,
  guestZone: ZoneName,
  staff: readonly StaffPlan[],
  transitions: ReadonlyMap<ZoneName, OffsetTransition[]>,
): DstWarning[] {
  const zones = new Set([guestZone, ...staff.map((s) => s.zone)]);
  const warnings: DstWarning[] = [];
  for (const zone of zones) {
    for (const t of transitions.get(zone) ?? []) {
      if (t.at <= now || t.at >= slot.end) continue;
      warnings.push({
        zone,
        ...t,
        forGuest: zone === guestZone,
        staffIds: staff.filter((s) => s.zone === zone).map((s) => s.staffId),
      });
    }
  }
  return warnings.sort((a, b) => a.at - b.at || a.zone.localeCompare(b.zone));
}

/**
 * Bookable slots for a booth, sorted by start. A slot is returned only when it lies entirely
 * inside the window and the event's dates, starts at least `minNoticeMinutes` after `now`,
 * and at least one staff member offering `meetingMinutes` is available for all of it with
 * their buffer kept around their busy intervals.
 *
 * Alignment: each staff member's slots start at the start of each of their (merged)
 * availability ranges and then every `stepMinutes`; busy time does not shift the grid.
 * A slot lists every offering staff member free for that exact span, so a rep whose own grid
 * is elsewhere still appears on a slot they could take.
 */
export function computeSlots(options: ComputeSlotsOptions): Slot[] {
  const { notice, step } = checkOptions(options);
  const guestZone = assertZone(options.guestZone, 'guestZone');
  const event = eventInterval(options.eventWindow);
  const length = options.meetingMinutes * MINUTE;
  const bounds: TimeWindow = {
    from: Math.max(options.window.from, options.now + notice * MINUTE, event.start),
    to: Math.min(options.window.to, event.end),
  };
  if (bounds.to <= bounds.from) return [];

  // Sorted once by staff id, so every slot's free list comes out sorted.
  const plans = planStaff(options, bounds).sort((a, b) => a.staffId.localeCompare(b.staffId));
  const zones = new Set([guestZone, ...plans.map((p) => p.zone)]);
  const transitions = new Map([...zones].map((z) => [z, dstChangeBetween(options.now, bounds.to, z)] as const));
  const anyTransition = [...transitions.values()].some((t) => t.length > 0);
  // Every slot lies inside [bounds.from, bounds.to]: each zone's offsets are looked up once for it.
  const offsets = new Map([...zones].map((z) => [z, new ZoneOffsets(z, bounds.from, bounds.to)] as const));
  const offsetsOf = (zone: ZoneName) => offsets.get(zone) as ZoneOffsets;
  const guestOffsets = offsetsOf(guestZone);

  const slots: Slot[] = [];
  for (const start of candidateStarts(plans, bounds, length, step * MINUTE)) {
    const slot = { start, end: start + length };
    const free = plans.filter((p) => isFree(p, slot));
    if (free.length === 0) continue;
    const nightForGuest = overlapsNight(slot, guestOffsets);
    const staffAtNight = free.filter((p) => overlapsNight(slot, offsetsOf(p.zone))).map((p) => p.staffId);
    const nightForStaff = staffAtNight.length === free.length;
    const score = ((nightForGuest ? 0 : 1) + (nightForStaff ? 0 : 1)) as 0 | 1 | 2;
    const warnings = anyTransition ? dstWarnings(slot, options.now, guestZone, free, transitions) : [];
    const localAt = (zone: ZoneName) => localPartsAtOffset(start, zone, offsetsOf(zone).offset(start));
    const staffLocal: Record<string, LocalParts> = {};
    for (const p of free) staffLocal[p.staffId] = localAt(p.zone);
    // Built field by field: an object literal with spreads is several times slower in V8.
    const result: Slot = {
      start,
      end: slot.end,
      staffIds: free.map((p) => p.staffId),
      staffZone: (free[0] as StaffPlan).zone,
      guestLocal: localAt(guestZone),
      staffLocal,
      nightForGuest,
      nightForStaff,
      staffAtNight,
      score,
      preferred: score === 2,
    };
    if (warnings.length > 0) result.dstWarnings = warnings;
    slots.push(result);
  }
  return slots;
}
