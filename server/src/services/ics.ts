import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { Appointment } from '@ca/signaling';
import { appointmentTexts } from '../i18n/appointmentTexts.js';

/**
 * An .ics file for one appointment, in the viewer's own zone: DTSTART/DTEND carry
 * TZID and the calendar carries a VTIMEZONE for it (generated from the tz database),
 * so calendar apps show the right local time even across DST changes.
 */
export function appointmentIcs(
  appointment: Appointment,
  viewer: {
    zone: string;
    role: 'guest' | 'staff';
    baseUrl: string;
    /** The viewer's profile language: SUMMARY and DESCRIPTION are written in it. */ language?: string;
  },
): string {
  const calendar = ical({ name: 'Cloud Appointment', prodId: { company: 'Cloud Appointment', product: 'booking' } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  const year = DateTime.fromISO(appointment.start, { zone: 'utc' }).year;
  calendar.timezone({ name: viewer.zone, generator: (zone) => vtimezone(zone, year) });
  const other = viewer.role === 'guest' ? appointment.staff : appointment.guest;
  const texts = appointmentTexts(viewer.language);
  calendar.createEvent({
    id: `${appointment.id}@cloud-appointment`,
    start: DateTime.fromISO(appointment.start, { zone: viewer.zone }),
    end: DateTime.fromISO(appointment.end, { zone: viewer.zone }),
    timezone: viewer.zone,
    summary: texts.icsSummary({ other: other.name, booth: appointment.boothName }),
    description: texts.icsDescription({ other: other.name, booth: appointment.boothName, url: `${viewer.baseUrl}/appointments` }),
    url: `${viewer.baseUrl}/appointments`,
  });
  return calendar.toString();
}

/** A VTIMEZONE block built from the tz database through luxon: the offsets and their changes around the meeting's year. */
function vtimezone(zone: string, year: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const fmt = (minutes: number) => {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  };
  const transitions: { at: DateTime; before: number; after: number }[] = [];
  let cursor = DateTime.utc(year - 1, 1, 1).setZone(zone);
  const stop = DateTime.utc(year + 2, 1, 1);
  while (cursor < stop) {
    const next = cursor.plus({ hours: 6 });
    if (next.offset !== cursor.offset) {
      // Narrow down to the minute of the change.
      let lo = cursor;
      let hi = next;
      while (hi.diff(lo, 'minutes').minutes > 1) {
        const mid = lo.plus({ minutes: Math.floor(hi.diff(lo, 'minutes').minutes / 2) });
        if (mid.offset === lo.offset) lo = mid;
        else hi = mid;
      }
      transitions.push({ at: hi, before: lo.offset, after: hi.offset });
    }
    cursor = next;
  }
  if (transitions.length === 0) {
    const offset = fmt(cursor.offset);
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const t of transitions) {
    const kind = t.after > t.before ? 'DAYLIGHT' : 'STANDARD';
    const local = t.at.setZone(FixedOffsetZone.instance(t.before)).toFormat("yyyyMMdd'T'HHmmss");
    lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${fmt(t.before)}`, `TZOFFSETTO:${fmt(t.after)}`);
    lines.push(`TZNAME:${t.at.offsetNameShort ?? fmt(t.after)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
