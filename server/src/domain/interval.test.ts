import { describe, expect, it } from 'vitest';
import { clip, contains, mergeIntervals, overlaps } from './interval.js';

const i = (start: number, end: number) => ({ start, end });

describe('intervals are half-open', () => {
  it('overlaps() is false for intervals that only touch', () => {
    expect(overlaps(i(0, 10), i(10, 20))).toBe(false);
    expect(overlaps(i(0, 10), i(9, 20))).toBe(true);
    expect(overlaps(i(5, 6), i(0, 10))).toBe(true);
  });

  it('contains() accepts an inner interval sharing both edges', () => {
    expect(contains(i(0, 10), i(0, 10))).toBe(true);
    expect(contains(i(0, 10), i(5, 11))).toBe(false);
  });

  it('mergeIntervals() sorts, merges overlapping and touching intervals and drops empty ones', () => {
    expect(mergeIntervals([i(20, 30), i(0, 10), i(10, 15), i(12, 14), i(40, 40)])).toEqual([i(0, 15), i(20, 30)]);
  });

  it('clip() keeps the part inside the window, or nothing', () => {
    expect(clip(i(0, 10), { from: 5, to: 20 })).toEqual(i(5, 10));
    expect(clip(i(0, 10), { from: 10, to: 20 })).toBeUndefined();
  });
});
