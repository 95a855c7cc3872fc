import { describe, expect, it } from 'vitest';
import { decideOutcome, median, summarizeQuality } from './attendance.js';

const MIN = 60_000;
const start = Date.parse('2027-04-20T08:00:00Z');
const base = { start, end: start + 30 * MIN, noShowAfterMs: 10 * MIN, guestJoinedAt: undefined, staffJoinedAt: undefined };

describe('decideOutcome()', () => {
  it('waits until the no-show deadline, whoever is missing', () => {
    expect(decideOutcome({ ...base, now: start + 10 * MIN - 1 })).toBeUndefined();
    expect(decideOutcome({ ...base, now: start + 10 * MIN, guestJoinedAt: start })).toEqual({ status: 'no_show', missing: 'staff' });
  });

  it('names the missing side: guest, staff or both', () => {
    const now = start + 10 * MIN;
    expect(decideOutcome({ ...base, now, staffJoinedAt: start - MIN })).toEqual({ status: 'no_show', missing: 'guest' });
    expect(decideOutcome({ ...base, now, guestJoinedAt: start + 9 * MIN })).toEqual({ status: 'no_show', missing: 'staff' });
    expect(decideOutcome({ ...base, now })).toEqual({ status: 'no_show', missing: 'both' });
  });

  it('completes a meeting both attended only once its time is over (a dropped participant can still rejoin)', () => {
    const both = { ...base, guestJoinedAt: start + MIN, staffJoinedAt: start };
    expect(decideOutcome({ ...both, now: start + 29 * MIN })).toBeUndefined();
    expect(decideOutcome({ ...both, now: start + 30 * MIN })).toEqual({ status: 'completed', missing: null });
  });

  it('takes a configurable deadline', () => {
    expect(decideOutcome({ ...base, noShowAfterMs: 3 * MIN, now: start + 3 * MIN })).toEqual({ status: 'no_show', missing: 'both' });
  });
});

describe('quality summary', () => {
  it('is the median of each value over the reports that carry it', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const summary = summarizeQuality([{ rttMs: 40, lossPct: 0 }, { rttMs: 200, lossPct: 5, bitrateKbps: 900 }, { rttMs: 60 }]);
    expect(summary).toEqual({ samples: 3, rttMs: 60, lossPct: 2.5, bitrateKbps: 900 });
  });
});
