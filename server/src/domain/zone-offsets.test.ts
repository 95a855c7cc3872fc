import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localParts } from './time.js';
import { zoneOffset, zoneTransitions } from './zone-offsets.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Shanghai',
  'America/Santiago',
  'Pacific/Chatham',
  'UTC',
];
/** A deterministic spread of instants from 2024 to 2030, plus each change and the millisecond before it. */
function instants(zone: string): number[] {
  const from = Date.UTC(2024, 0, 1);
  const to = Date.UTC(2030, 0, 1);
  const spread = Array.from({ length: 400 }, (_, i) => from + Math.floor(((to - from) * ((i * 7919) % 400)) / 400) + i * 61_001);
  const edges = zoneTransitions(from, to, zone).flatMap((t) => [t.at - 1, t.at]);
  return [...spread, ...edges];
}

describe('zone offset tables', () => {
  it('agree with luxon’s IANAZone.offset() at every sampled instant and on both sides of every change', () => {
    for (const zone of ZONES) {
      const iana = IANAZone.create(zone);
      const mismatches = instants(zone).filter((t) => zoneOffset(t, zone) !== iana.offset(t));
      expect(mismatches, zone).toEqual([]);
    }
  });

  it('find exactly two changes a year in Lord Howe, whose offset moves by 30 minutes', () => {
    const changes = zoneTransitions(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 'Australia/Lord_Howe');
    expect(changes.map((t) => [new Date(t.at).toISOString(), t.offsetBeforeMinutes, t.offsetAfterMinutes])).toEqual([
      ['2026-04-04T15:00:00.000Z', 660, 630],
      ['2026-10-03T15:30:00.000Z', 630, 660],
    ]);
  });

  it('find changes across a new year, in order, from windows spanning several years', () => {
    const changes = zoneTransitions(Date.UTC(2025, 11, 1), Date.UTC(2027, 3, 30), 'Australia/Sydney');
    expect(changes.map((t) => new Date(t.at).toISOString())).toEqual([
      '2026-04-04T16:00:00.000Z',
      '2026-10-03T16:00:00.000Z',
      '2027-04-03T16:00:00.000Z',
    ]);
  });
});

describe('localParts()', () => {
  it('agrees with luxon’s own formatting for every sampled instant in every zone (writing UTC as +00:00)', () => {
    for (const zone of ZONES) {
      const mismatches = instants(zone).filter((t) => {
        const parts = localParts(t, zone);
        const dt = DateTime.fromMillis(t, { zone });
        return (
          parts.iso !== dt.toISO({ suppressMilliseconds: true })?.replace(/Z$/, '+00:00') ||
          parts.weekday !== dt.weekday ||
          parts.date !== dt.toISODate() ||
          parts.time !== dt.toFormat('HH:mm')
        );
      });
      expect(mismatches, zone).toEqual([]);
    }
  });
});
