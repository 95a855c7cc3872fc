import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  canJoin,
  joinWindow,
  transition,
  type ActorRole,
  type AppointmentAction,
  type AppointmentActionType,
  type AppointmentState,
  type AppointmentStatus,
} from './appointments.js';
import { formatInstant, parseInstant } from './time.js';

const at = (iso: string) => parseInstant(iso);
const START = at('2026-06-10T10:00:00Z');
const END = at('2026-06-10T10:30:00Z');
const BEFORE = at('2026-06-10T09:00:00Z');
const AFTER_START = at('2026-06-10T10:05:00Z');
const appointment = (status: AppointmentStatus) => ({ id: 'apt-1', boothId: 'booth-9', status, start: START, end: END });
const NEW_TIME = { start: at('2026-06-11T14:00:00Z'), end: at('2026-06-11T14:30:00Z') };
const ACTIONS: Record<AppointmentActionType, AppointmentAction> = {
  confirm: { type: 'confirm' },
  decline: { type: 'decline' },
  cancel: { type: 'cancel' },
  complete: { type: 'complete' },
  no_show: { type: 'no_show' },
  set_outcome: { type: 'set_outcome', outcome: 'completed' },
  reschedule: { type: 'reschedule', ...NEW_TIME },
};
const STATUSES: AppointmentStatus[] = ['requested', 'confirmed', 'completed', 'cancelled', 'no_show', 'declined'];
const ROLES: ActorRole[] = ['guest', 'staff'];
const withCode = (code: string) => expect.objectContaining({ name: 'AppError', code });

type When = 'before the start' | 'at the start' | 'after the start';
const NOW: Record<When, number> = { 'before the start': BEFORE, 'at the start': START, 'after the start': AFTER_START };

/** Every allowed move: [status, action, role, when, next status]. Everything else must be refused. */
const ALLOWED: [AppointmentStatus, AppointmentActionType, ActorRole, When, AppointmentStatus][] = [
  ['requested', 'confirm', 'staff', 'before the start', 'confirmed'],
  ['requested', 'decline', 'staff', 'before the start', 'declined'],
  ['requested', 'decline', 'staff', 'after the start', 'declined'],
  ['requested', 'cancel', 'guest', 'before the start', 'cancelled'],
  ['requested', 'cancel', 'staff', 'before the start', 'cancelled'],
  ['confirmed', 'cancel', 'guest', 'before the start', 'cancelled'],
  ['confirmed', 'cancel', 'staff', 'after the start', 'cancelled'],
  ['confirmed', 'complete', 'staff', 'after the start', 'completed'],
  ['confirmed', 'complete', 'staff', 'at the start', 'completed'],
  ['confirmed', 'no_show', 'staff', 'after the start', 'no_show'],
  ['no_show', 'set_outcome', 'staff', 'after the start', 'completed'],
  ['completed', 'set_outcome', 'staff', 'after the start', 'completed'],
  ['requested', 'reschedule', 'guest', 'before the start', 'requested'],
  ['requested', 'reschedule', 'staff', 'before the start', 'requested'],
  ['confirmed', 'reschedule', 'guest', 'before the start', 'requested'],
  ['confirmed', 'reschedule', 'staff', 'before the start', 'confirmed'],
];

describe('transition() allows', () => {
  it.each(ALLOWED)('%s → %s by %s %s, which makes it %s', (status, action, role, when, next) => {
    const result = transition(appointment(status), ACTIONS[action], { actorRole: role, now: NOW[when] });
    expect(result.status).toBe(next);
    expect(result.id).toBe('apt-1');
  });

  it('moves a rescheduled appointment to its new start and end and keeps its other fields', () => {
    const moved = transition(appointment('confirmed'), ACTIONS.reschedule, { actorRole: 'staff', now: BEFORE });
    expect(moved).toEqual({ id: 'apt-1', boothId: 'booth-9', status: 'confirmed', ...NEW_TIME });
  });

  it('does not change the appointment it was given', () => {
    const original = appointment('requested');
    transition(original, ACTIONS.confirm, { actorRole: 'staff', now: BEFORE });
    expect(original.status).toBe('requested');
  });
});

describe('transition() refuses', () => {
  const STAFF_ONLY = ['confirm', 'decline', 'complete', 'no_show', 'set_outcome'] as const;

  it.each(STAFF_ONLY)('a guest trying to %s, with FORBIDDEN, whatever the status', (action) => {
    for (const status of STATUSES) {
      const context = { actorRole: 'guest' as const, now: AFTER_START };
      expect(() => transition(appointment(status), ACTIONS[action], context)).toThrow(withCode('FORBIDDEN'));
    }
  });

  it('every other status/action/role combination not in the allowed table, with CONFLICT', () => {
    let refused = 0;
    for (const status of STATUSES) {
      for (const action of Object.keys(ACTIONS) as AppointmentActionType[]) {
        for (const role of ROLES) {
          const allowed = ALLOWED.some(([s, a, r]) => s === status && a === action && r === role);
          const forbidden = role === 'guest' && (STAFF_ONLY as readonly string[]).includes(action);
          if (allowed || forbidden) continue;
          const now = ['complete', 'no_show', 'set_outcome'].includes(action) ? AFTER_START : BEFORE;
          const attempt = () => transition(appointment(status), ACTIONS[action], { actorRole: role, now });
          expect(attempt, `${status} ${action} ${role}`).toThrow(withCode('CONFLICT'));
          refused++;
        }
      }
    }
    expect(refused).toBe(7 * 6 * 2 - 5 * 6 - 14);
  });

  it('confirming or rescheduling once the appointment has started, with CONFLICT', () => {
    const confirmAtStart = () => transition(appointment('requested'), ACTIONS.confirm, { actorRole: 'staff', now: START });
    const rescheduleLate = () => transition(appointment('confirmed'), ACTIONS.reschedule, { actorRole: 'guest', now: AFTER_START });
    expect(confirmAtStart).toThrow(withCode('CONFLICT'));
    expect(rescheduleLate).toThrow(withCode('CONFLICT'));
  });

  it('completing or marking a no-show before the start, with CONFLICT', () => {
    const early = { actorRole: 'staff' as const, now: START - 1 };
    expect(() => transition(appointment('confirmed'), ACTIONS.complete, early)).toThrow(withCode('CONFLICT'));
    expect(() => transition(appointment('confirmed'), ACTIONS.no_show, early)).toThrow(withCode('CONFLICT'));
  });

  it('a reschedule to an empty or past time, with BAD_REQUEST', () => {
    const context = { actorRole: 'guest' as const, now: BEFORE };
    const empty = { type: 'reschedule' as const, start: NEW_TIME.start, end: NEW_TIME.start };
    const past = { type: 'reschedule' as const, start: BEFORE - 3_600_000, end: BEFORE };
    expect(() => transition(appointment('confirmed'), empty, context)).toThrow(withCode('BAD_REQUEST'));
    expect(() => transition(appointment('confirmed'), past, context)).toThrow(withCode('BAD_REQUEST'));
  });
});

describe('allowedActions()', () => {
  it('lists what each role may do with a requested and a confirmed appointment before and after the start', () => {
    const ask = (status: AppointmentStatus, role: ActorRole, now: number) => allowedActions(appointment(status), { actorRole: role, now });
    expect(ask('requested', 'staff', BEFORE)).toEqual(['confirm', 'decline', 'cancel', 'reschedule']);
    expect(ask('requested', 'guest', BEFORE)).toEqual(['cancel', 'reschedule']);
    expect(ask('confirmed', 'staff', BEFORE)).toEqual(['cancel', 'reschedule']);
    expect(ask('confirmed', 'staff', AFTER_START)).toEqual(['cancel', 'complete', 'no_show']);
    expect(ask('completed', 'staff', AFTER_START)).toEqual(['set_outcome']);
    expect(ask('no_show', 'guest', AFTER_START)).toEqual([]);
  });
});

describe('joining the meeting', () => {
  it('joinWindow() opens 10 minutes before the start and closes at the end', () => {
    const window = joinWindow(appointment('confirmed'));
    expect([formatInstant(window.start), formatInstant(window.end)]).toEqual(['2026-06-10T09:50:00Z', '2026-06-10T10:30:00Z']);
  });

  it('canJoin() is true for a confirmed appointment from 09:50 until just before 10:30 only', () => {
    const confirmed: AppointmentState = appointment('confirmed');
    expect(canJoin(confirmed, at('2026-06-10T09:49:59.999Z'))).toBe(false);
    expect(canJoin(confirmed, at('2026-06-10T09:50:00Z'))).toBe(true);
    expect(canJoin(confirmed, at('2026-06-10T10:29:59.999Z'))).toBe(true);
    expect(canJoin(confirmed, END)).toBe(false);
  });

  it('canJoin() is false for an appointment that is not confirmed', () => {
    expect(canJoin(appointment('requested'), START)).toBe(false);
    expect(canJoin(appointment('cancelled'), START)).toBe(false);
  });
});
