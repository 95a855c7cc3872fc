import type { Appointment, CompactSlot, LocalTime, Slot as SlotDto } from '@ca/signaling';
import { allowedActions, canJoin, dstChangeBetween, joinWindow, localParts, type ActorRole, type LocalParts, type Slot } from '../domain/index.js';
import type { AppointmentRow } from '../store/schema.js';
import { iso } from './clock.js';

export function localTime(parts: LocalParts): LocalTime {
  return {
    zone: parts.zone,
    date: parts.date,
    time: parts.time,
    weekday: parts.weekday,
    offsetMinutes: parts.offsetMinutes,
    abbreviation: parts.abbreviation,
  };
}

/** A slot as the guest sees it; `seatsLeft` is 1 for a free one-to-one time, fewer for a group meeting others booked. */
export function slotDto(slot: Slot, seatsLeft = 1): SlotDto {
  const first = slot.staffIds[0];
  const staffLocal = (first !== undefined && slot.staffLocal[first]) || slot.guestLocal;
  // Built field by field (an object literal with spreads is several times slower in V8).
  return {
    start: iso(slot.start),
    end: iso(slot.end),
    staffIds: slot.staffIds,
    guestLocal: localTime(slot.guestLocal),
    staffLocal: localTime(staffLocal),
    nightForGuest: slot.nightForGuest,
    nightForStaff: slot.nightForStaff,
    preferred: slot.preferred,
    dstWarnings: dstWarningDtos(slot),
    seatsLeft,
  };
}

/** A slot without its local-time strings (`view=compact`): a client derives them from the instants and zones. */
export function compactSlotDto(slot: Slot, seatsLeft = 1): CompactSlot {
  return {
    start: iso(slot.start),
    end: iso(slot.end),
    staffIds: slot.staffIds,
    staffZone: slot.staffZone,
    nightForGuest: slot.nightForGuest,
    nightForStaff: slot.nightForStaff,
    preferred: slot.preferred,
    dstWarnings: dstWarningDtos(slot),
    seatsLeft,
  };
}

function dstWarningDtos(slot: Slot): SlotDto['dstWarnings'] {
  return (slot.dstWarnings ?? []).map((w) => ({
    zone: w.zone,
    at: iso(w.at),
    offsetBeforeMinutes: w.offsetBeforeMinutes,
    offsetAfterMinutes: w.offsetAfterMinutes,
    forGuest: w.forGuest,
  }));
}

export type AppointmentNames = {
  boothName: string;
  staffName: string;
  guestName: string;
  /** The assigned interpreter, when there is one. */
  interpreter?: { userId: string; name: string } | undefined;
};

/** An appointment as one party sees it: both parties' local times, what they may do now, DST warnings. */
export function appointmentDto(row: AppointmentRow, names: AppointmentNames, viewer: { role: ActorRole; now: number }): Appointment {
  const start = Date.parse(row.start_at);
  const end = Date.parse(row.end_at);
  const state = { start, end, status: row.status };
  const warnings = [row.guest_zone, row.staff_zone]
    .filter((zone, i, all) => all.indexOf(zone) === i)
    .flatMap((zone) =>
      start > viewer.now
        ? dstChangeBetween(viewer.now, end, zone).map((t) => ({
            zone,
            at: iso(t.at),
            offsetBeforeMinutes: t.offsetBeforeMinutes,
            offsetAfterMinutes: t.offsetAfterMinutes,
            forGuest: zone === row.guest_zone,
          }))
        : [],
    );
  return {
    id: row.id,
    boothId: row.booth_id,
    boothName: names.boothName,
    status: row.status,
    start: row.start_at,
    end: row.end_at,
    eventZone: row.event_zone,
    guest: { id: row.guest_id, name: names.guestName, timeZone: row.guest_zone, local: localTime(localParts(start, row.guest_zone)) },
    staff: { id: row.staff_id, name: names.staffName, timeZone: row.staff_zone, local: localTime(localParts(start, row.staff_zone)) },
    anyRep: row.any_rep === 1,
    note: row.note,
    joinOpensAt: iso(joinWindow({ start, end }).start),
    actions: [...allowedActions(state, { actorRole: viewer.role, now: viewer.now }), ...(canJoin(state, viewer.now) ? ['join'] : [])],
    dstWarnings: warnings,
    connectionTest: row.connection_test === null ? null : (JSON.parse(row.connection_test) as Appointment['connectionTest']),
    interpretation:
      row.interpreter_language === null
        ? null
        : {
            language: row.interpreter_language,
            interpreter: row.interpreter_staff_id !== null && names.interpreter ? { staffId: row.interpreter_staff_id, ...names.interpreter } : null,
          },
    outcome:
      row.status === 'completed' || row.status === 'no_show'
        ? { status: row.status, missing: row.status === 'no_show' ? (row.missing_party ?? 'guest') : null, decidedBy: row.outcome_by ?? 'staff' }
        : null,
  };
}
