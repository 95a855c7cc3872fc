import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Interval } from './interval.js';
import { MINUTE, type Instant } from './time.js';
import { invalid } from './validation.js';

export type AppointmentStatus = 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'declined' | 'expired';
export type ActorRole = 'guest' | 'staff';

/** What the state machine needs to know about an appointment; other fields pass through untouched. */
export interface AppointmentState extends Interval {
  status: AppointmentStatus;
}

export type AppointmentAction =
  | { type: 'confirm' }
  | { type: 'decline' }
  | { type: 'cancel' }
  | { type: 'complete' }
  | { type: 'no_show' }
  /** Staff correct a decided outcome (attendance's or their own). */
  | { type: 'set_outcome'; outcome: 'completed' | 'no_show' }
  | { type: 'reschedule'; start: Instant; end: Instant };

export type AppointmentActionType = AppointmentAction['type'];

/** Who acts, and when (passed in: the domain never reads a clock). */
export interface ActionContext {
  actorRole: ActorRole;
  now: Instant;
}

/** Statuses from which nothing moves any more. */
export const FINAL_STATUSES: readonly AppointmentStatus[] = ['completed', 'cancelled', 'no_show', 'declined', 'expired'];

type Timing = 'before_start' | 'after_start' | 'any';

interface Rule {
  roles: readonly ActorRole[];
  from: readonly AppointmentStatus[];
  timing: Timing;
}

/**
 * The whole state machine in one table:
 *
 *   requested --confirm (staff, before start)--> confirmed
 *   requested --decline (staff)--> declined
 *   requested | confirmed --cancel (guest, staff)--> cancelled
 *   confirmed --complete | no_show (staff, from the start on)--> completed | no_show
 *   completed | no_show --set_outcome (staff)--> completed | no_show (a correction)
 *   requested | confirmed --reschedule (guest, staff, before start)--> see `rescheduledStatus`
 *   requested --(nobody answered it in time: RequestExpiry, not an action)--> expired
 */
const RULES: Record<AppointmentActionType, Rule> = {
  confirm: { roles: ['staff'], from: ['requested'], timing: 'before_start' },
  decline: { roles: ['staff'], from: ['requested'], timing: 'any' },
  cancel: { roles: ['guest', 'staff'], from: ['requested', 'confirmed'], timing: 'any' },
  complete: { roles: ['staff'], from: ['confirmed'], timing: 'after_start' },
  no_show: { roles: ['staff'], from: ['confirmed'], timing: 'after_start' },
  set_outcome: { roles: ['staff'], from: ['completed', 'no_show'], timing: 'after_start' },
  reschedule: { roles: ['guest', 'staff'], from: ['requested', 'confirmed'], timing: 'before_start' },
};

const TARGET: Record<Exclude<AppointmentActionType, 'reschedule' | 'set_outcome'>, AppointmentStatus> = {
  confirm: 'confirmed',
  decline: 'declined',
  cancel: 'cancelled',
  complete: 'completed',
  no_show: 'no_show',
};

/**
 * Reschedule semantics: a guest's new time needs the staff's agreement again, so the
 * appointment goes back to `requested`. Staff are the confirming party, so their new time
 * keeps the current status (`confirmed` stays confirmed, `requested` stays requested); the
 * guest is told and may cancel.
 */
export function rescheduledStatus(current: AppointmentStatus, actorRole: ActorRole): AppointmentStatus {
  return actorRole === 'guest' ? 'requested' : current;
}

function timingAllows(timing: Timing, appointment: Interval, now: Instant): boolean {
  if (timing === 'before_start') return now < appointment.start;
  if (timing === 'after_start') return now >= appointment.start;
  return true;
}

/** The actions `actorRole` may take on the appointment at `now`, in table order. */
export function allowedActions(appointment: AppointmentState, context: ActionContext): AppointmentActionType[] {
  return (Object.keys(RULES) as AppointmentActionType[]).filter((type) => {
    const rule = RULES[type];
    return rule.roles.includes(context.actorRole) && rule.from.includes(appointment.status) && timingAllows(rule.timing, appointment, context.now);
  });
}

function checkNewTime(action: { start: Instant; end: Instant }, now: Instant): void {
  if (!Number.isFinite(action.start) || !Number.isFinite(action.end) || action.end <= action.start) {
    throw invalid('invalid reschedule', [{ path: 'end', message: 'must be after start', code: 'order' }]);
  }
  if (action.start <= now) throw invalid('invalid reschedule', [{ path: 'start', message: 'must be in the future', code: 'future' }]);
}

/**
 * Applies an action and returns the appointment with its next status (and, for reschedule,
 * its new start and end); other fields are copied. Checks in this order:
 * - the role may never take this action → AppError FORBIDDEN;
 * - the status does not allow it, or the time does not (confirm/reschedule only before the
 *   start; complete/no_show only from the start on) → AppError CONFLICT;
 * - a reschedule whose new end is not after its start, or whose start is not in the future
 *   → AppError BAD_REQUEST. Whether the new time is free is the caller's check (`computeSlots`).
 */
export function transition<T extends AppointmentState>(current: T, action: AppointmentAction, context: ActionContext): T {
  const rule = RULES[action.type];
  if (!rule.roles.includes(context.actorRole)) {
    throw new AppError(ErrorCode.Forbidden, `a ${context.actorRole} may not ${action.type} an appointment`);
  }
  if (!rule.from.includes(current.status)) {
    throw new AppError(ErrorCode.Conflict, `cannot ${action.type} an appointment that is ${current.status}`, {
      status: current.status,
      action: action.type,
    });
  }
  if (!timingAllows(rule.timing, current, context.now)) {
    const when = rule.timing === 'before_start' ? 'after it has started' : 'before it starts';
    throw new AppError(ErrorCode.Conflict, `cannot ${action.type} an appointment ${when}`, {
      status: current.status,
      action: action.type,
    });
  }
  if (action.type === 'reschedule') {
    checkNewTime(action, context.now);
    return {
      ...current,
      status: rescheduledStatus(current.status, context.actorRole),
      start: action.start,
      end: action.end,
    };
  }
  if (action.type === 'set_outcome') return { ...current, status: action.outcome };
  return { ...current, status: TARGET[action.type] };
}

/** Participants may enter the meeting room from this long before the start. */
export const JOIN_EARLY_MINUTES = 10;

/** When the meeting room is open for an appointment: [start − 10 min, end). */
export function joinWindow(appointment: Interval): Interval {
  return { start: appointment.start - JOIN_EARLY_MINUTES * MINUTE, end: appointment.end };
}

/** True when the appointment is confirmed and `now` lies inside its join window. */
export function canJoin(appointment: AppointmentState, now: Instant): boolean {
  const window = joinWindow(appointment);
  return appointment.status === 'confirmed' && now >= window.start && now < window.end;
}
