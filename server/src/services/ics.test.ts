import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '@ca/signaling';
import { appointmentIcs, repeatedLocalTime } from './ics.js';

/** An appointment as the API shows it; only what the calendar file uses matters here. */
function appointment(start: string, minutes = 30): Appointment {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  const party = { id: 'u', name: 'Anna Schmidt', zone: 'Europe/Berlin', local: null } as unknown as Appointment['guest'];
  return { id: 'a1', boothId: 'b1', boothName: 'Rhein Optics', start, end, guest: party, staff: party } as unknown as Appointment;
}

/** The lines of the VEVENT (the VTIMEZONE has DTSTART lines of its own). */
const eventLines = (ics: string) => ics.split('\r\n').slice(ics.split('\r\n').indexOf('BEGIN:VEVENT'));

/** Reads the file with ical.js (a real iCalendar parser, not our code): the event's instants in UTC. */
function parsed(ics: string): { start: string; end: string; startLine: string; dtstamp: string } {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const vevent = component.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    startLine: eventLines(ics).find((l) => l.startsWith('DTSTART'))!,
    dtstamp: eventLines(ics).find((l) => l.startsWith('DTSTAMP'))!,
  };
}

const file = (start: string, zone: string) =>
  appointmentIcs(appointment(start), { zone, role: 'guest', baseUrl: 'https://expo.example', language: 'en' });

describe('the .ics file read by a real iCalendar parser (ical.js), checked against Intl', () => {
  it.each([
    ['an ordinary summer time in Berlin', '2026-07-01T07:00:00.000Z', 'Europe/Berlin'],
    ['the first hour after the spring-forward gap in Berlin', '2026-03-29T01:00:00.000Z', 'Europe/Berlin'],
    ['New York the morning after fall-back', '2026-11-01T12:00:00.000Z', 'America/New_York'],
    ['Lord Howe, half-hour DST', '2026-10-03T16:00:00.000Z', 'Australia/Lord_Howe'],
    ['Kathmandu, no DST', '2026-12-01T03:15:00.000Z', 'Asia/Kathmandu'],
  ])('%s: local time with TZID, read back as the same instant', (_why, start, zone) => {
    const read = parsed(file(start, zone));
    expect(read.startLine).toMatch(new RegExp(`^DTSTART;TZID=${zone.replace('/', '\\/')}:`));
    expect(read.start).toBe(start);
    expect(read.end).toBe(new Date(Date.parse(start) + 30 * 60_000).toISOString());
    expect(read.dtstamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
  });

  it.each([
    ['the first 02:30 of the Berlin fall-back night (CEST)', '2026-10-25T00:30:00.000Z', 'Europe/Berlin'],
    ['the second 02:30 of the Berlin fall-back night (CET)', '2026-10-25T01:30:00.000Z', 'Europe/Berlin'],
    ['the second 01:30 of the New York fall-back night (EST)', '2026-11-01T06:30:00.000Z', 'America/New_York'],
  ])('%s: a repeated local time is written in UTC, which every parser reads alike', (_why, start, zone) => {
    const read = parsed(file(start, zone));
    expect(read.startLine).toBe(`DTSTART:${start.slice(0, 19).replace(/[-:]/g, '')}Z`);
    expect(read.start).toBe(start);
  });

  it('knows a repeated local time as Intl shows it: two instants with the same wall time', () => {
    const wall = (ms: number, zone: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
    const first = Date.parse('2026-10-25T00:30:00Z');
    const second = Date.parse('2026-10-25T01:30:00Z');
    expect(wall(first, 'Europe/Berlin')).toBe(wall(second, 'Europe/Berlin'));
    expect(repeatedLocalTime(first, 'Europe/Berlin')).toBe(true);
    expect(repeatedLocalTime(second, 'Europe/Berlin')).toBe(true);
    expect(repeatedLocalTime(Date.parse('2026-10-25T02:30:00Z'), 'Europe/Berlin')).toBe(false);
    expect(repeatedLocalTime(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(false);
    expect(repeatedLocalTime(first, 'Asia/Shanghai')).toBe(false);
  });
});
