import type {
  SessionInterpreters,
  SetSessionInterpreters,
  BoothAnalytics,
  JoinWaitlist,
  WaitlistEntry,
  NotificationsResponse,
  HandoffsResponse,
  HostStatus,
  ContactCard,
  SharedCard,
  EventAnalytics,
  LiveNow,
  TalkDto,
  AgendaWarningDto,
  Appointment,
  AvailabilityDto,
  Booth,
  ChangePasswordRequest,
  DeleteAccountRequest,
  ConfirmRegistrationRequest,
  EmailSentResponse,
  PasswordResetRequest,
  ResetPasswordRequest,
  ConnectionTestRequest,
  CreateAppointment,
  createBoothSchema,
  createEventSchema,
  createTalkSchema,
  createStaffSchema,
  createOrganizerSchema,
  ExpoEvent,
  JoinResponse,
  LoginRequest,
  RegisterRequest,
  SessionResponse,
  CompactSlotsResponse,
  UpdateAppointment,
  UpdateMeRequest,
  User,
} from '@ca/signaling';
import { api, query } from './http';

/** What a request body may look like before the server's schema fills defaults (zod's input type). */
type InputOf<S extends { _zod: { input: unknown } }> = S['_zod']['input'];

export type CreateEventBody = InputOf<typeof createEventSchema>;
export type CreateBoothBody = InputOf<typeof createBoothSchema>;
export type CreateStaffBody = InputOf<typeof createStaffSchema>;
export type CreateOrganizerBody = InputOf<typeof createOrganizerSchema>;
export type CreateTalkBody = InputOf<typeof createTalkSchema>;

export type BoothFilter = { q?: string; tag?: string; language?: string; country?: string };
export type SlotsQuery = { from: string; to: string; length?: number; staffId?: string; zone?: string };
/** One of the signed-in user's places at a booth (`GET /api/staff/me`). */
export type StaffEntry = { id: string; boothId: string; title: string; timeZone: string };
/** The days (and zone) a dashboard counts; unset: the event's days in the default zone. */
export type AnalyticsRange = { from?: string; to?: string; timeZone?: string };
export type Agenda = { sessions: TalkDto[]; warnings: AgendaWarningDto[] };

const id = encodeURIComponent;

/** Every REST call the client makes, typed with the contract's DTOs. */
export const endpoints = {
  me: () => api.get<SessionResponse>('/api/me'),
  login: (body: LoginRequest) => api.post<SessionResponse>('/api/auth/login', body),
  /** The same answer for a new and a taken address; the e-mail carries the confirmation link. */
  register: (body: RegisterRequest) => api.post<EmailSentResponse>('/api/auth/register', body),
  confirmRegistration: (body: ConfirmRegistrationRequest) => api.post<SessionResponse>('/api/auth/register/confirm', body),
  logout: () => api.post<void>('/api/auth/logout'),
  /** Ends every other session of the account; this one stays. */
  changePassword: (body: ChangePasswordRequest) => api.post<void>('/api/me/password', body),
  /** The same answer whether or not the address has an account. */
  requestPasswordReset: (body: PasswordResetRequest) => api.post<EmailSentResponse>('/api/auth/password-reset/request', body),
  resetPassword: (body: ResetPasswordRequest) => api.post<void>('/api/auth/password-reset', body),
  /** Everything kept about the signed-in user (a JSON download). */
  exportUrl: '/api/me/export',
  /** Deletes the signed-in guest's account (password again); the session ends. */
  deleteAccount: (body: DeleteAccountRequest) => api.delete<void>('/api/me', body),
  /** Changes the signed-in user's own profile (name, language, zone, country). */
  updateMe: (body: UpdateMeRequest) => api.patch<SessionResponse>('/api/me', body),

  events: () => api.get<{ events: ExpoEvent[] }>('/api/events'),
  event: (eventId: string) => api.get<ExpoEvent>(`/api/events/${id(eventId)}`),
  booths: (eventId: string, filter: BoothFilter = {}) => api.get<{ booths: Booth[] }>(`/api/events/${id(eventId)}/booths${query(filter)}`),
  booth: (boothId: string) => api.get<Booth>(`/api/booths/${id(boothId)}`),
  /** The compact view: local times are formatted here with Intl (half the bytes, and less work for the server). */
  slots: (boothId: string, q: Omit<SlotsQuery, 'view'>) =>
    api.get<CompactSlotsResponse>(`/api/booths/${id(boothId)}/slots${query({ ...q, view: 'compact' })}`),

  appointments: () => api.get<{ appointments: Appointment[] }>('/api/appointments'),
  /** One appointment with its attendance (who came, when, for how long). */
  appointment: (appointmentId: string) => api.get<Appointment>(`/api/appointments/${id(appointmentId)}`),
  /** The guest's pre-join connection test, kept on the appointment for the host. */
  connectionTest: (appointmentId: string, body: ConnectionTestRequest) =>
    api.post<Appointment>(`/api/appointments/${id(appointmentId)}/connection-test`, body),
  book: (body: CreateAppointment) => api.post<Appointment>('/api/appointments', body),
  updateAppointment: (appointmentId: string, body: UpdateAppointment) => api.patch<Appointment>(`/api/appointments/${id(appointmentId)}`, body),
  join: (appointmentId: string) => api.post<JoinResponse>(`/api/appointments/${id(appointmentId)}/join`),
  /** A walk-in meeting at a booth: its staff get host, other signed-in visitors wait in the lobby. */
  boothMeeting: (boothId: string) => api.post<JoinResponse>(`/api/booths/${id(boothId)}/meeting`),
  /** An agenda session's stage: organizers moderate (host), everyone else signed in watches (audience). */
  talkMeeting: (sessionId: string) => api.post<JoinResponse>(`/api/sessions/${id(sessionId)}/meeting`),
  icsUrl: (appointmentId: string) => `/api/appointments/${id(appointmentId)}/ics`,

  myStaff: () => api.get<{ staff: StaffEntry[] }>('/api/staff/me'),
  availability: (staffId: string) => api.get<AvailabilityDto>(`/api/staff/${id(staffId)}/availability`),
  setAvailability: (staffId: string, body: AvailabilityDto) => api.put<AvailabilityDto>(`/api/staff/${id(staffId)}/availability`, body),

  createEvent: (body: CreateEventBody) => api.post<ExpoEvent>('/api/events', body),
  createHall: (eventId: string, name: string) => api.post<ExpoEvent>(`/api/events/${id(eventId)}/halls`, { name }),
  createBooth: (eventId: string, body: CreateBoothBody) => api.post<Booth>(`/api/events/${id(eventId)}/booths`, body),
  createStaff: (boothId: string, body: CreateStaffBody) => api.post<Booth>(`/api/booths/${id(boothId)}/staff`, body),
  createOrganizer: (body: CreateOrganizerBody) => api.post<{ user: User }>('/api/organizers', body),
  agenda: (eventId: string) => api.get<Agenda>(`/api/events/${id(eventId)}/sessions`),
  /** What the guest shared with the booth for this appointment (the guest only), sharing with consent, withdrawing. */
  contactCard: (appointmentId: string) => api.get<SharedCard>(`/api/appointments/${id(appointmentId)}/contact-card`),
  shareContactCard: (appointmentId: string, card: ContactCard) =>
    api.put<SharedCard>(`/api/appointments/${id(appointmentId)}/contact-card`, { card, consent: true }),
  withdrawContactCard: (appointmentId: string) => api.delete<SharedCard>(`/api/appointments/${id(appointmentId)}/contact-card`),
  /** The waitlist: wait for a booth day with no free time, my entries, book an offered time, leave. */
  joinWaitlist: (boothId: string, body: JoinWaitlist) => api.post<WaitlistEntry>(`/api/booths/${id(boothId)}/waitlist`, body),
  waitlist: () => api.get<{ entries: WaitlistEntry[] }>('/api/waitlist'),
  acceptOffer: (entryId: string) => api.post<Appointment>(`/api/waitlist/${id(entryId)}/accept`),
  leaveWaitlist: (entryId: string) => api.delete<void>(`/api/waitlist/${id(entryId)}`),
  /** In-app notifications: the newest and the unread count; marking one or all read. */
  notifications: () => api.get<NotificationsResponse>('/api/notifications'),
  markNotificationRead: (notificationId: string) => api.post<void>(`/api/notifications/${id(notificationId)}/read`),
  markAllNotificationsRead: () => api.post<{ marked: number }>('/api/notifications/read-all'),
  /** No-show hand-off: where the host is (the guest), meetings waiting for a host (staff), taking one over. */
  hostStatus: (appointmentId: string) => api.get<HostStatus>(`/api/appointments/${id(appointmentId)}/host`),
  handoffs: () => api.get<HandoffsResponse>('/api/staff/me/handoffs'),
  /** The booth assigns one of its staff as the meeting's interpreter (or nobody). */
  assignInterpreter: (appointmentId: string, staffId: string | null) =>
    api.put<Appointment>(`/api/appointments/${id(appointmentId)}/interpreter`, { staffId }),
  takeMeeting: (appointmentId: string) => api.post<Appointment>(`/api/appointments/${id(appointmentId)}/take`),
  /** A booth's dashboard (its staff) and the same as a CSV link. */
  boothAnalytics: (boothId: string, range: AnalyticsRange) => api.get<BoothAnalytics>(`/api/booths/${id(boothId)}/analytics${query(range)}`),
  boothAnalyticsCsv: (boothId: string, range: AnalyticsRange) => `/api/booths/${id(boothId)}/analytics${query({ ...range, format: 'csv' })}`,
  /** Counts one anonymous visit of a booth's page. */
  boothVisit: (boothId: string) => api.post<void>(`/api/booths/${id(boothId)}/visits`),
  /** The event's dashboard (organizers), its CSV link and the live view. */
  eventAnalytics: (eventId: string, range: AnalyticsRange) => api.get<EventAnalytics>(`/api/events/${id(eventId)}/analytics${query(range)}`),
  eventAnalyticsCsv: (eventId: string, range: AnalyticsRange) => `/api/events/${id(eventId)}/analytics${query({ ...range, format: 'csv' })}`,
  liveNow: (eventId: string) => api.get<LiveNow>(`/api/events/${id(eventId)}/live`),
  /** A stage session's interpreters (organizers). */
  sessionInterpreters: (sessionId: string) => api.get<SessionInterpreters>(`/api/sessions/${id(sessionId)}/interpreters`),
  setSessionInterpreters: (sessionId: string, body: SetSessionInterpreters) =>
    api.put<SessionInterpreters>(`/api/sessions/${id(sessionId)}/interpreters`, body),
  removeTalk: (sessionId: string) => api.delete<Agenda>(`/api/sessions/${id(sessionId)}`),
  createTalk: (eventId: string, body: CreateTalkBody) =>
    api.post<{ session: TalkDto; warnings: AgendaWarningDto[] }>(`/api/events/${id(eventId)}/sessions`, body),
};
