import type { Appointment, UpdateAppointment } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useUpdateAppointment } from '../../api/mutations';
import { queries } from '../../api/queries';

/** How often the list is fetched again, so "Join" enables on time and others' changes show. */
export const REFRESH_MS = 30_000;

export type AppointmentsState = {
  appointments: Appointment[] | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Applies an action; the list (and every slot list) refreshes after it. Rejects with the ApiError. */
  update: (id: string, change: UpdateAppointment) => Promise<Appointment>;
};

/**
 * The signed-in user's appointments (as guest and as staff), from the shared query cache: a
 * booking or change made anywhere in the app shows here at once. Fetched again every 30 s,
 * when the tab comes back into view, and right when the next join window opens.
 */
export function useAppointments(): AppointmentsState {
  const query = useQuery({ ...queries.appointments(), refetchInterval: REFRESH_MS });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const appointments = query.data?.appointments;

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

  const { mutateAsync } = useUpdateAppointment();
  const update = useCallback((id: string, change: UpdateAppointment) => mutateAsync({ id, change }), [mutateAsync]);

  return { appointments, error: query.error, loading: query.isPending, reload, update };
}

/** Requested or confirmed, and not over yet (by this device's clock). */
export const isActive = (a: Appointment, now: number = Date.now()) =>
  (a.status === 'requested' || a.status === 'confirmed') && Date.parse(a.end) > now;
