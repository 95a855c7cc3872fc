import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Appointment } from '@ca/signaling';
import { dstChangeBetween, localParts, offsetAt } from '../domain/index.js';
import { appointmentTexts } from '../i18n/appointmentTexts.js';

/**
 * An .ics file for one appointment, in the viewer's own zone: DTSTART/DTEND carry
 * TZID and the calendar carries a VTIMEZONE for it (generated from the tz database),
 * so calendar apps show the right local time even across DST changes. A meeting that
 * starts or ends in a repeated (fall-back) hour is written in UTC instead; DTSTAMP is UTC.
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
  const other = viewer.role === 'guest' ? appointment.staff : appointment.guest;
  const texts = appointmentTexts(viewer.language);
  // A local time the zone shows twice (a fall-back hour) is read as its first occurrence by RFC 5545
  // and as the second by some calendars: such a meeting is written in UTC, which every calendar reads alike.
  const start = Date.parse(appointment.start);
  const end = Date.parse(appointment.end);
  const inUtc = repeatedLocalTime(start, viewer.zone) || repeatedLocalTime(end, viewer.zone);
  const zone = inUtc ? 'utc' : viewer.zone;
  // With a calendar zone ical-generator writes every time in it; a UTC file has none (and no VTIMEZONE).
  if (!inUtc) calendar.timezone({ name: viewer.zone, generator: (name) => vtimezone(name, new Date(start).getUTCFullYear()) });
  calendar.createEvent({
    id: `${appointment.id}@cloud-appointment`,
    start: DateTime.fromMillis(start, { zone }),
    end: DateTime.fromMillis(end, { zone }),
    ...(!inUtc && { timezone: viewer.zone }),
    summary: texts.icsSummary({ other: other.name, booth: appointment.boothName }),
    description: texts.icsDescription({ other: other.name, booth: appointment.boothName, url: `${viewer.baseUrl}/appointments` }),
    url: `${viewer.baseUrl}/appointments`,
  });
  // RFC 5545: DTSTAMP is always UTC; ical-generator writes it in the calendar's zone without a Z.
  const stamp = `DTSTAMP:${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  return calendar.toString().replace(/^DTSTAMP:.*$/m, stamp);
}

/** Whether the zone shows the wall time of `instant` twice (it falls in a fall-back's repeated hour). */
export function repeatedLocalTime(instant: number, zone: string): boolean {
  const offset = offsetAt(instant, zone);
  for (const other of [offsetAt(instant - 3 * 3_600_000, zone), offsetAt(instant + 3 * 3_600_000, zone)]) {
    if (other === offset) continue;
    const twin = instant + (offset - other) * 60_000;
    if (offsetAt(twin, zone) === other) return true;
  }
  return false;
}

/**
 * A VTIMEZONE block for the zone: its offset changes from the year before the meeting to the year
 * after, from the same zone-transition table the slot engine uses (`domain/zone-offsets`).
 */
function vtimezone(zone: string, year: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const fmt = (minutes: number) => {
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  };
  const from = Date.UTC(year - 1, 0, 1);
  const transitions = dstChangeBetween(from, Date.UTC(year + 2, 0, 1), zone);
  if (transitions.length === 0) {
    const offset = fmt(offsetAt(from, zone));
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const t of transitions) {
    const kind = t.offsetAfterMinutes > t.offsetBeforeMinutes ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART is the local time of the change in the offset before it (RFC 5545).
    const local = new Date(t.at + t.offsetBeforeMinutes * 60_000).toISOString().slice(0, 19).replace(/[-:]/g, '');
    lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${fmt(t.offsetBeforeMinutes)}`, `TZOFFSETTO:${fmt(t.offsetAfterMinutes)}`);
    lines.push(`TZNAME:${localParts(t.at, zone).abbreviation}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
