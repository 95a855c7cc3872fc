import type { Appointment, UpdateAppointment } from '@ca/signaling';
import { useCallback, useEffect } from 'react';
import { endpoints } from '../../api/endpoints';
import { useApi } from '../../api/useApi';

/** How often the list is fetched again, so "Join" enables on time and others' changes show. */
export const REFRESH_MS = 30_000;

export type AppointmentsState = {
  appointments: Appointment[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Applies an action and reloads the list; rejects with the ApiError. */
  update: (id: string, change: UpdateAppointment) => Promise<Appointment>;
};

/**
 * The signed-in user's appointments (as guest and as staff), fetched every 30 s, when
 * the tab comes back into view, and right when the next join window opens.
 */
export function useAppointments(): AppointmentsState {
  const { data, error, loading, reload } = useApi(useCallback(() => endpoints.appointments(), []));
  const appointments = data?.appointments;

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

  useEffect(() => {
    const now = Date.now();
    const next = (appointments ?? [])
      .filter((a) => a.status === 'confirmed')
      .map((a) => Date.parse(a.joinOpensAt))
      .filter((at) => at > now && at - now < REFRESH_MS * 4)
      .sort((a, b) => a - b)[0];
    if (next === undefined) return;
    const timer = window.setTimeout(reload, next - now + 1_000);
    return () => window.clearTimeout(timer);
  }, [appointments, reload]);

  const update = useCallback(
    async (id: string, change: UpdateAppointment) => {
      try {
        return await endpoints.updateAppointment(id, change);
      } finally {
        reload();
      }
    },
    [reload],
  );

  return { appointments, error, loading, reload, update };
}

/** Requested or confirmed, and not over yet (by this device's clock). */
export const isActive = (a: Appointment, now: number = Date.now()) =>
  (a.status === 'requested' || a.status === 'confirmed') && Date.parse(a.end) > now;
