import { describe, expect, it } from 'vitest';
import {
  assertZone,
  civilDate,
  daysFromCivil,
  dstChangeBetween,
  formatInstant,
  isNight,
  isoUtc,
  isValidZone,
  localParts,
  offsetAt,
  parseInstant,
  weekdayOfDay,
} from './time.js';

const at = (iso: string) => parseInstant(iso);
const badRequest = (path: string) => expect.objectContaining({ name: 'AppError', code: 'BAD_REQUEST', details: [expect.objectContaining({ path })] });

describe('zones', () => {
  it('assertZone() accepts IANA names and fixes their casing, keeping aliases as given', () => {
    expect(assertZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(assertZone('europe/berlin')).toBe('Europe/Berlin');
    expect(assertZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(assertZone('UTC')).toBe('UTC');
  });

  it('assertZone() stores a renamed zone under its current tz name, whatever the browser reported', () => {
    expect(assertZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(assertZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(assertZone('asia/calcutta')).toBe('Asia/Kolkata');
  });

  it('assertZone() rejects unknown names, offsets and empty strings with BAD_REQUEST on the given path', () => {
    expect(() => assertZone('Mars/Olympus_Mons')).toThrow(badRequest('zone'));
    expect(() => assertZone('+01:00', 'guestZone')).toThrow(badRequest('guestZone'));
    expect(() => assertZone('')).toThrow(badRequest('zone'));
    expect(isValidZone('Europe/Atlantis')).toBe(false);
  });
});

describe('ISO instants', () => {
  it('parseInstant() reads an offset or Z and returns epoch milliseconds', () => {
    expect(parseInstant('2026-07-01T09:00:00+02:00')).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(parseInstant('2026-07-01T07:00:00Z')).toBe(Date.UTC(2026, 6, 1, 7, 0));
    expect(parseInstant('2026-07-01T12:30:00+05:30')).toBe(Date.UTC(2026, 6, 1, 7, 0));
  });

  it('parseInstant() refuses a local time without an offset, a bare date and garbage', () => {
    expect(() => parseInstant('2026-07-01T09:00:00')).toThrow(badRequest('instant'));
    expect(() => parseInstant('2026-07-01', 'start')).toThrow(badRequest('start'));
    expect(() => parseInstant('tomorrow at nine')).toThrow(badRequest('instant'));
    expect(() => parseInstant('2026-13-01T09:00:00Z')).toThrow(badRequest('instant'));
  });

  it('formatInstant() writes UTC with Z and milliseconds only when there are some', () => {
    expect(formatInstant(Date.UTC(2026, 2, 29, 1))).toBe('2026-03-29T01:00:00Z');
    expect(formatInstant(Date.UTC(2026, 2, 29, 1, 0, 0, 250))).toBe('2026-03-29T01:00:00.250Z');
    expect(() => formatInstant(Number.NaN)).toThrow(badRequest('instant'));
  });
});

describe('localParts()', () => {
  it('shows a New York summer morning with its date, weekday, offset and abbreviation', () => {
    expect(localParts(at('2026-07-01T12:00:00Z'), 'America/New_York')).toEqual({
      zone: 'America/New_York',
      date: '2026-07-01',
      time: '08:00',
      weekday: 3,
      offsetMinutes: -240,
      offset: '-04:00',
      abbreviation: 'EDT',
      iso: '2026-07-01T08:00:00-04:00',
    });
  });

  it('shows Asia/Kolkata at +05:30 all year', () => {
    const july = localParts(at('2026-07-01T12:00:00Z'), 'Asia/Kolkata');
    const january = localParts(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata');
    expect([july.time, july.offset, july.offsetMinutes]).toEqual(['17:30', '+05:30', 330]);
    expect([january.time, january.offset]).toEqual(['17:30', '+05:30']);
  });

  it('puts a Sydney guest on the next day, at +11:00 in January (summer) and +10:00 in July (winter)', () => {
    const january = localParts(at('2026-01-14T20:00:00Z'), 'Australia/Sydney');
    const july = localParts(at('2026-07-01T20:00:00Z'), 'Australia/Sydney');
    expect([january.date, january.time, january.weekday, january.offset]).toEqual(['2026-01-15', '07:00', 4, '+11:00']);
    expect([july.date, july.time, july.weekday, july.offset]).toEqual(['2026-07-02', '06:00', 4, '+10:00']);
  });

  it('names Berlin summer time by the locale asked for', () => {
    expect(localParts(at('2026-07-01T12:00:00Z'), 'Europe/Berlin', { locale: 'en-GB' }).abbreviation).toBe('CEST');
    expect(localParts(at('2026-01-15T12:00:00Z'), 'Europe/Berlin', { locale: 'en-GB' }).abbreviation).toBe('CET');
  });
});

describe('isNight()', () => {
  it('treats 08:00–19:59 local as day and 20:00–07:59 as night', () => {
    expect(isNight(at('2026-07-01T05:59:00Z'), 'Europe/Berlin')).toBe(true); // 07:59 CEST
    expect(isNight(at('2026-07-01T06:00:00Z'), 'Europe/Berlin')).toBe(false); // 08:00
    expect(isNight(at('2026-07-01T17:59:00Z'), 'Europe/Berlin')).toBe(false); // 19:59
    expect(isNight(at('2026-07-01T18:00:00Z'), 'Europe/Berlin')).toBe(true); // 20:00
  });

  it('judges one instant differently per zone', () => {
    const instant = at('2026-01-15T14:00:00Z');
    expect(isNight(instant, 'Europe/Berlin')).toBe(false); // 15:00
    expect(isNight(instant, 'Asia/Kolkata')).toBe(false); // 19:30
    expect(isNight(instant, 'Asia/Shanghai')).toBe(true); // 22:00
    expect(isNight(instant, 'America/Los_Angeles')).toBe(true); // 06:00 PST
  });
});

describe('dstChangeBetween()', () => {
  const year2026 = [at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')] as const;
  const changes = (zone: string, from = year2026[0], to = year2026[1]) =>
    dstChangeBetween(from, to, zone).map((t) => [formatInstant(t.at), t.offsetBeforeMinutes, t.offsetAfterMinutes]);

  it('finds Berlin switching at 01:00 UTC on 2026-03-29 and 2026-10-25', () => {
    expect(changes('Europe/Berlin')).toEqual([
      ['2026-03-29T01:00:00Z', 60, 120],
      ['2026-10-25T01:00:00Z', 120, 60],
    ]);
  });

  it('finds New York switching on 2026-03-08 and 2026-11-01, three and one weeks apart from Europe', () => {
    expect(changes('America/New_York')).toEqual([
      ['2026-03-08T07:00:00Z', -300, -240],
      ['2026-11-01T06:00:00Z', -240, -300],
    ]);
  });

  it('finds Sydney leaving summer time in April and entering it in October', () => {
    expect(changes('Australia/Sydney')).toEqual([
      ['2026-04-04T16:00:00Z', 660, 600],
      ['2026-10-03T16:00:00Z', 600, 660],
    ]);
  });

  it('finds nothing for Asia/Shanghai and Asia/Kolkata but both changes for America/Los_Angeles', () => {
    expect(changes('Asia/Shanghai')).toEqual([]);
    expect(changes('Asia/Kolkata')).toEqual([]);
    expect(changes('America/Los_Angeles')).toEqual([
      ['2026-03-08T10:00:00Z', -480, -420],
      ['2026-11-01T09:00:00Z', -420, -480],
    ]);
  });

  it('counts a change at the end instant but not one at the start instant', () => {
    const change = at('2026-03-29T01:00:00Z');
    expect(changes('Europe/Berlin', change - 1, change)).toEqual([['2026-03-29T01:00:00Z', 60, 120]]);
    expect(changes('Europe/Berlin', change, change + 3_600_000)).toEqual([]);
    expect(changes('Europe/Berlin', change, change - 1)).toEqual([]);
  });

  it('offsetAt() agrees with the change: +60 one millisecond before, +120 at it', () => {
    const change = at('2026-03-29T01:00:00Z');
    expect([offsetAt(change - 1, 'Europe/Berlin'), offsetAt(change, 'Europe/Berlin')]).toEqual([60, 120]);
  });
});

describe('isoUtc()', () => {
  it('writes every instant exactly as Date.prototype.toISOString() does, inside and outside the years 0000–9999', () => {
    const samples = [
      0,
      -1,
      1,
      Date.UTC(2026, 2, 29, 1, 0, 0, 0),
      Date.UTC(2026, 9, 25, 0, 59, 59, 999),
      Date.UTC(2028, 1, 29, 23, 59, 59, 1),
      -62_167_219_200_000, // 0000-01-01
      -62_167_219_200_001,
      253_402_300_799_999, // 9999-12-31T23:59:59.999Z
      253_402_300_800_000,
      ...Array.from({ length: 2000 }, (_, i) => Date.UTC(1899, 0, 1) + i * 7_919_123_457),
    ];
    expect(samples.filter((t) => isoUtc(t) !== new Date(t).toISOString())).toEqual([]);
  });
});

describe('calendar arithmetic', () => {
  it('civilDate() and daysFromCivil() agree with Date for every day from 1600 to 2400', () => {
    const wrong: number[] = [];
    for (let days = daysFromCivil(1600, 1, 1); days <= daysFromCivil(2400, 12, 31); days += 1) {
      const date = new Date(days * 86_400_000);
      const { year, month, day } = civilDate(days);
      if (year !== date.getUTCFullYear() || month !== date.getUTCMonth() + 1 || day !== date.getUTCDate()) wrong.push(days);
      if (daysFromCivil(year, month, day) !== days) wrong.push(days);
      if (weekdayOfDay(days) !== ((date.getUTCDay() + 6) % 7) + 1) wrong.push(days);
    }
    expect(wrong).toEqual([]);
  });
});
