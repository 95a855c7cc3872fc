import { QueryClient, queryOptions } from '@tanstack/react-query';
import { endpoints, type AnalyticsRange, type BoothFilter, type SlotsQuery } from './endpoints';
import { ApiError } from './http';

/**
 * The keys of everything the client reads from the API, one place: a write invalidates by
 * prefix (`['slots', boothId]` refreshes every slot query of that booth, whatever the range).
 */
export const queryKeys = {
  events: () => ['events'] as const,
  event: (eventId: string) => ['events', eventId] as const,
  booths: (eventId: string, filter: BoothFilter = {}) => ['booths', eventId, filter] as const,
  booth: (boothId: string) => ['booth', boothId] as const,
  slots: (boothId: string, query?: SlotsQuery) => (query ? (['slots', boothId, query] as const) : (['slots', boothId] as const)),
  allSlots: () => ['slots'] as const,
  appointments: () => ['appointments'] as const,
  agenda: (eventId: string) => ['agenda', eventId] as const,
  sessionInterpreters: (sessionId: string) => ['sessionInterpreters', sessionId] as const,
  boothAnalytics: (boothId: string, range: AnalyticsRange) => ['analytics', 'booth', boothId, range] as const,
  eventAnalytics: (eventId: string, range: AnalyticsRange) => ['analytics', 'event', eventId, range] as const,
  liveNow: (eventId: string) => ['live', eventId] as const,
  contactCard: (appointmentId: string) => ['contactCard', appointmentId] as const,
  hostStatus: (appointmentId: string) => ['hostStatus', appointmentId] as const,
  appointment: (appointmentId: string) => ['appointments', appointmentId] as const,
  handoffs: () => ['handoffs'] as const,
  notifications: () => ['notifications'] as const,
  waitlist: () => ['waitlist'] as const,
  myStaff: () => ['staff', 'me'] as const,
  availability: (staffId: string) => ['availability', staffId] as const,
};

/** What each screen reads: key and fetch together (`useQuery(queries.booth(id))`). */
export const queries = {
  events: () => queryOptions({ queryKey: queryKeys.events(), queryFn: () => endpoints.events() }),
  event: (eventId: string) => queryOptions({ queryKey: queryKeys.event(eventId), queryFn: () => endpoints.event(eventId) }),
  booths: (eventId: string, filter: BoothFilter = {}) =>
    queryOptions({ queryKey: queryKeys.booths(eventId, filter), queryFn: () => endpoints.booths(eventId, filter) }),
  booth: (boothId: string) => queryOptions({ queryKey: queryKeys.booth(boothId), queryFn: () => endpoints.booth(boothId) }),
  /** Free times change as people book: always fetched again when shown (the server answers 304 when unchanged). */
  slots: (boothId: string, query: SlotsQuery) =>
    queryOptions({ queryKey: queryKeys.slots(boothId, query), queryFn: () => endpoints.slots(boothId, query), staleTime: 0 }),
  appointments: () => queryOptions({ queryKey: queryKeys.appointments(), queryFn: () => endpoints.appointments() }),
  agenda: (eventId: string) => queryOptions({ queryKey: queryKeys.agenda(eventId), queryFn: () => endpoints.agenda(eventId) }),
  sessionInterpreters: (sessionId: string) =>
    queryOptions({ queryKey: queryKeys.sessionInterpreters(sessionId), queryFn: () => endpoints.sessionInterpreters(sessionId) }),
  boothAnalytics: (boothId: string, range: AnalyticsRange) =>
    queryOptions({ queryKey: queryKeys.boothAnalytics(boothId, range), queryFn: () => endpoints.boothAnalytics(boothId, range) }),
  eventAnalytics: (eventId: string, range: AnalyticsRange) =>
    queryOptions({ queryKey: queryKeys.eventAnalytics(eventId, range), queryFn: () => endpoints.eventAnalytics(eventId, range) }),
  contactCard: (appointmentId: string) =>
    queryOptions({ queryKey: queryKeys.contactCard(appointmentId), queryFn: () => endpoints.contactCard(appointmentId) }),
  /** One appointment with its attendance and interpreter. */
  appointment: (appointmentId: string) =>
    queryOptions({ queryKey: queryKeys.appointment(appointmentId), queryFn: () => endpoints.appointment(appointmentId) }),
  /** Where the host is: asked every 5 s until they are in the room. */
  hostStatus: (appointmentId: string) =>
    queryOptions({
      queryKey: queryKeys.hostStatus(appointmentId),
      queryFn: () => endpoints.hostStatus(appointmentId),
      refetchInterval: (query) => (query.state.data?.state === 'host-here' ? false : 5_000),
      staleTime: 0,
    }),
  /** My waitlist entries; refreshed every 30 s so an offer shows up. */
  waitlist: () => queryOptions({ queryKey: queryKeys.waitlist(), queryFn: () => endpoints.waitlist(), refetchInterval: 30_000 }),
  /** The bell: fetched every 30 s and when the tab comes back. */
  notifications: () => queryOptions({ queryKey: queryKeys.notifications(), queryFn: () => endpoints.notifications(), refetchInterval: 30_000 }),
  /** Guests waiting for an absent colleague: asked every 10 s wherever a staff member is in the app. */
  handoffs: () =>
    queryOptions({
      queryKey: queryKeys.handoffs(),
      queryFn: () => endpoints.handoffs(),
      refetchInterval: 10_000,
      refetchIntervalInBackground: true,
      staleTime: 0,
    }),
  /** What is happening now: fetched again every 5 s while shown (also in a background tab, so a wall screen stays current). */
  liveNow: (eventId: string) =>
    queryOptions({
      queryKey: queryKeys.liveNow(eventId),
      queryFn: () => endpoints.liveNow(eventId),
      refetchInterval: 5_000,
      refetchIntervalInBackground: true,
      staleTime: 0,
    }),
  myStaff: () => queryOptions({ queryKey: queryKeys.myStaff(), queryFn: () => endpoints.myStaff() }),
  availability: (staffId: string) => queryOptions({ queryKey: queryKeys.availability(staffId), queryFn: () => endpoints.availability(staffId) }),
};

/** A refusal (4xx) will be refused again: only network trouble and server errors are retried. */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/**
 * The app's query cache: data is fresh for 15 s, fetched again in the background when the tab
 * comes back into view or the network returns, and retried twice (not after a refusal).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: shouldRetry, refetchOnWindowFocus: true, refetchOnReconnect: true },
      mutations: { retry: false },
    },
  });
}
