import { useEffect } from 'react';
import { endpoints } from '../../api/endpoints';

/**
 * Counts this page view in the booth's anonymous visit numbers, once per booth and browser tab
 * session (a reload or going back does not count again). A refused count changes nothing for the visitor.
 */
export function useBoothVisit(boothId: string): void {
  useEffect(() => {
    const key = `ca.visited.${boothId}`;
    try {
      if (sessionStorage.getItem(key)) return;
      sessionStorage.setItem(key, '1');
    } catch {
      // Storage blocked: count every view rather than none.
    }
    endpoints.boothVisit(boothId).catch(() => undefined);
  }, [boothId]);
}
