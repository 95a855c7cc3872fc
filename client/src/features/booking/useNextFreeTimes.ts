import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { queries } from '../../api/queries';

const WEEK = 7 * 86_400_000;

/**
 * A booth's next `count` free times within a week from now (of `length` minutes, in `zone`), for
 * offering "another time" in one click. Undefined while loading.
 */
export function useNextFreeTimes(boothId: string, options: { count: number; length?: number; zone?: string }) {
  // Fixed once: a new `from` each render would be a new query each render.
  const [from] = useState(() => Date.now() - (Date.now() % 60_000));
  const slots = useQuery(
    queries.slots(boothId, {
      from: new Date(from).toISOString(),
      to: new Date(from + WEEK).toISOString(),
      ...(options.length !== undefined && { length: options.length }),
      ...(options.zone !== undefined && { zone: options.zone }),
    }),
  );
  return slots.data?.slots.slice(0, options.count);
}
