import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Appointment,
  AvailabilityDto,
  ContactCard,
  CreateAppointment,
  JoinWaitlist,
  SharedCard,
  UpdateAppointment,
  WaitlistEntry,
} from '@ca/signaling';
import { endpoints } from './endpoints';
import { queryKeys } from './queries';

/**
 * Books a slot. Whatever the answer (booked, or 409 because it was just taken), the booth's free
 * times and the user's appointments are fetched again wherever they are shown.
 */
export function useBookAppointment() {
  const client = useQueryClient();
  return useMutation<Appointment, unknown, CreateAppointment>({
    mutationFn: (body) => endpoints.book(body),
    onSettled: (_data, _error, body) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.slots(body.boothId) }),
        client.invalidateQueries({ queryKey: queryKeys.appointments() }),
      ]),
  });
}

/**
 * Confirms, declines, cancels, reschedules or sets the outcome of an appointment; then the
 * appointment lists and every slot list (a cancelled or moved meeting frees a time) refresh.
 */
export function useUpdateAppointment() {
  const client = useQueryClient();
  return useMutation<Appointment, unknown, { id: string; change: UpdateAppointment }>({
    mutationFn: ({ id, change }) => endpoints.updateAppointment(id, change),
    onSettled: () =>
      Promise.all([client.invalidateQueries({ queryKey: queryKeys.appointments() }), client.invalidateQueries({ queryKey: queryKeys.allSlots() })]),
  });
}

/** Saves a staff member's availability: their editor shows the saved copy, and every slot list refreshes. */
export function useSaveAvailability(staffId: string) {
  const client = useQueryClient();
  return useMutation<AvailabilityDto, unknown, AvailabilityDto>({
    mutationFn: (dto) => endpoints.setAvailability(staffId, dto),
    onSuccess: (fresh) => client.setQueryData(queryKeys.availability(staffId), fresh),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.allSlots() }),
  });
}

/** Shares a contact card with the booth (the guest's recorded consent) or withdraws it; the card shown is the server's answer. */
export function useContactCard(appointmentId: string) {
  const client = useQueryClient();
  const settle = (fresh: SharedCard) => client.setQueryData(queryKeys.contactCard(appointmentId), fresh);
  return {
    share: useMutation<SharedCard, unknown, ContactCard>({
      mutationFn: (card) => endpoints.shareContactCard(appointmentId, card),
      onSuccess: settle,
    }),
    withdraw: useMutation<SharedCard, unknown, void>({ mutationFn: () => endpoints.withdrawContactCard(appointmentId), onSuccess: settle }),
  };
}

/** Assigns (or clears) a booked meeting's interpreter; the appointment lists refresh. */
export function useAssignInterpreter() {
  const client = useQueryClient();
  return useMutation<Appointment, unknown, { id: string; staffId: string | null }>({
    mutationFn: ({ id, staffId }) => endpoints.assignInterpreter(id, staffId),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.appointments() }),
  });
}

/** Marks one notification read, or all of them; the bell and the list refresh. */
export function useMarkNotificationsRead() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.notifications() });
  return {
    one: useMutation<void, unknown, string>({ mutationFn: (id) => endpoints.markNotificationRead(id), onSettled: refresh }),
    all: useMutation<{ marked: number }, unknown, void>({ mutationFn: () => endpoints.markAllNotificationsRead(), onSettled: refresh }),
  };
}

/** Joins, books an offer from, or leaves the waitlist; the waitlist, appointments and free times refresh. */
export function useWaitlist() {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.waitlist() }),
      client.invalidateQueries({ queryKey: queryKeys.appointments() }),
      client.invalidateQueries({ queryKey: queryKeys.allSlots() }),
    ]);
  return {
    join: useMutation<WaitlistEntry, unknown, { boothId: string; body: JoinWaitlist }>({
      mutationFn: ({ boothId, body }) => endpoints.joinWaitlist(boothId, body),
      onSettled: refresh,
    }),
    accept: useMutation<Appointment, unknown, string>({ mutationFn: (id) => endpoints.acceptOffer(id), onSettled: refresh }),
    leave: useMutation<void, unknown, string>({ mutationFn: (id) => endpoints.leaveWaitlist(id), onSettled: refresh }),
  };
}
