/**
 * Scheduling domain: pure functions over UTC instants (epoch ms) and IANA zones.
 * No Express, Socket.io, mediasoup, storage or clock: callers pass `now`.
 */
export {
  DAY,
  HOUR,
  MINUTE,
  WORKING_DAY,
  assertInstant,
  assertZone,
  dstChangeBetween,
  formatInstant,
  isNight,
  isoUtc,
  isValidZone,
  localParts,
  offsetAt,
  parseInstant,
  type Instant,
  type LocalParts,
  type LocalPartsOptions,
  type OffsetTransition,
  type Weekday,
  type ZoneName,
} from './time.js';
export { addDays, isLocalDate, localDateOf, parseWallTime, resolveWallTime, weekdayOf, type LocalDate, type WallTime } from './wall-clock.js';
export { clip, contains, mergeIntervals, overlaps, type Interval, type TimeWindow } from './interval.js';
export type { Issue } from './validation.js';
export { eventInterval, type EventWindow } from './event-window.js';
export {
  AVAILABILITY_LIMITS,
  availabilityRanges,
  expandAvailability,
  validateAvailability,
  type Availability,
  type DateException,
  type LocalRange,
  type WeeklyRule,
} from './availability.js';
export { SLOT_DEFAULTS, computeSlots, type BusyInterval, type ComputeSlotsOptions, type DstWarning, type Slot } from './slots.js';
export {
  FINAL_STATUSES,
  JOIN_EARLY_MINUTES,
  allowedActions,
  canJoin,
  joinWindow,
  rescheduledStatus,
  transition,
  type ActionContext,
  type ActorRole,
  type AppointmentAction,
  type AppointmentActionType,
  type AppointmentState,
  type AppointmentStatus,
} from './appointments.js';
export { checkAgenda, type Talk, type AgendaWarning, type AgendaWarningKind } from './agenda.js';
export { busyWithout, groupMeetings, mergeSlots, withSeatsLeft, type GroupMeeting } from './groups.js';
export {
  NO_SHOW_AFTER_MINUTES,
  decideOutcome,
  median,
  summarizeQuality,
  type AttendancePort,
  type AttendanceSide,
  type DecidedOutcome,
  type MissingParty,
  type OutcomeInput,
  type QualitySample,
  type QualitySummary,
} from './attendance.js';
export {
  LocalCalendar,
  Tally,
  appointmentCounts,
  classifyQuality,
  emptyCounts,
  qualityBreakdown,
  visitBucket,
  type ActivityCounts,
  type QualityBreakdown,
  type QualityClass,
} from './analytics.js';
export { HANDOFF_AFTER_MINUTES, REBOOK_AFTER_MINUTES, hostState, mayTakeOver, type HostState, type HostStateInput } from './handoff.js';
export { DEFAULT_WALK_IN_MINUTES, WALK_IN_SAMPLE, typicalWalkInMinutes, walkInEta } from './walkInEta.js';
