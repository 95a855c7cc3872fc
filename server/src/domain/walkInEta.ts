import { median } from './attendance.js';

/** Minutes a walk-in meeting is assumed to take while the booth has too few of its own to tell. */
export const DEFAULT_WALK_IN_MINUTES = 10;
/** Recent walk-in visits the typical length is taken from. */
export const WALK_IN_SAMPLE = 20;
/** Fewer visits than this and the default is used. */
const MIN_SAMPLES = 3;

/** The typical length of a booth's walk-in meetings, in whole minutes: the median of its recent visits (newest first). */
export function typicalWalkInMinutes(recentSeconds: readonly number[]): number {
  const sample = recentSeconds.slice(0, WALK_IN_SAMPLE).filter((s) => s > 0);
  if (sample.length < MIN_SAMPLES) return DEFAULT_WALK_IN_MINUTES;
  return Math.max(1, Math.ceil(median(sample)! / 60));
}

/**
 * The wait of the guest at `position` in line (1 = next): the hosts see guests in parallel, so
 * the guest goes in after ⌈position / hosts⌉ meetings of the typical length (the current one
 * included). Null while no host is in the room: nobody can say.
 */
export function walkInEta(input: { position: number; hosts: number; typicalMinutes: number }): number | null {
  if (input.hosts <= 0) return null;
  return Math.ceil(input.position / input.hosts) * input.typicalMinutes;
}
