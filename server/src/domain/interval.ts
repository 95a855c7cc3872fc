import type { Instant } from './time.js';

/** A half-open span of time [start, end) on the UTC timeline. */
export interface Interval {
  start: Instant;
  end: Instant;
}

/** A half-open query window [from, to). */
export interface TimeWindow {
  from: Instant;
  to: Instant;
}

/** True when two half-open intervals share at least one instant (touching is not overlapping). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sorts and merges intervals that overlap or touch; empty intervals are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The part of `interval` inside `window`, or undefined when they do not overlap. */
export function clip(interval: Interval, window: TimeWindow): Interval | undefined {
  const start = Math.max(interval.start, window.from);
  const end = Math.min(interval.end, window.to);
  return end > start ? { start, end } : undefined;
}
