import { describe, expect, it } from 'vitest';
import { LocalCalendar, Tally, appointmentCounts, classifyQuality, qualityBreakdown, visitBucket } from './analytics.js';

describe('analytics domain', () => {
  it('counts an appointment as requested, accepted once staff said yes, held or a no-show by its outcome', () => {
    expect(appointmentCounts('requested')).toEqual({ requested: 1, accepted: 0, held: 0, noShows: 0 });
    expect(appointmentCounts('confirmed')).toEqual({ requested: 1, accepted: 1, held: 0, noShows: 0 });
    expect(appointmentCounts('completed')).toEqual({ requested: 1, accepted: 1, held: 1, noShows: 0 });
    expect(appointmentCounts('no_show')).toEqual({ requested: 1, accepted: 1, held: 0, noShows: 1 });
    for (const status of ['declined', 'cancelled', 'expired'] as const)
      expect(appointmentCounts(status)).toMatchObject({ requested: 1, accepted: 0 });
  });

  it('sums a tally per key and over all keys; an unknown key reads zeros', () => {
    const t = new Tally<string>();
    t.add('a', { visits: 2 });
    t.add('a', { visits: 1, held: 1 });
    t.add('b', { walkIns: 4 });
    expect(t.get('a')).toMatchObject({ visits: 3, held: 1, walkIns: 0 });
    expect(t.get('zzz')).toEqual({ visits: 0, walkIns: 0, requested: 0, accepted: 0, held: 0, noShows: 0 });
    expect(t.total()).toMatchObject({ visits: 3, held: 1, walkIns: 4 });
  });

  it('places instants on local days and hours; outside the range they have none', () => {
    const kathmandu = new LocalCalendar('Asia/Kathmandu', '2027-01-01', '2027-01-02');
    // +05:45: 18:15Z is midnight on the next day.
    expect(kathmandu.place(Date.parse('2027-01-01T18:14:00Z'))).toEqual({ date: '2027-01-01', hour: 23 });
    expect(kathmandu.place(Date.parse('2027-01-01T18:15:00Z'))).toEqual({ date: '2027-01-02', hour: 0 });
    expect(kathmandu.place(Date.parse('2027-01-02T18:15:00Z'))).toBeUndefined();
    expect(new LocalCalendar('UTC', '2027-02-27', '2027-03-01').days()).toEqual(['2027-02-27', '2027-02-28', '2027-03-01']);
  });

  it('classes a line by its medians and summarizes people-in-meetings', () => {
    const q = (rttMs: number | null, lossPct: number | null) => ({ samples: 3, rttMs, lossPct, bitrateKbps: null });
    expect(classifyQuality(q(149, 1.9))).toBe('good');
    expect(classifyQuality(q(150, 0))).toBe('fair');
    expect(classifyQuality(q(100, 5))).toBe('poor');
    expect(classifyQuality(q(null, null))).toBeUndefined();
    expect(qualityBreakdown([q(100, 0), q(200, 3), q(500, 10), { samples: 0, rttMs: null, lossPct: null, bitrateKbps: null }])).toEqual({
      reports: 3,
      rttMs: 200,
      lossPct: 3,
      bitrateKbps: null,
      good: 1,
      fair: 1,
      poor: 1,
    });
  });

  it('buckets visits by quarter hour, also before 1970', () => {
    expect(new Date(visitBucket(Date.parse('2027-03-27T22:59:59.999Z'))).toISOString()).toBe('2027-03-27T22:45:00.000Z');
    expect(visitBucket(-1)).toBe(-900_000);
  });
});
