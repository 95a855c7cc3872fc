import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table shapes as Kysely sees them. Instants are ISO-8601 UTC text of fixed width
 * ("2026-05-04T07:00:00.000Z"): sortable as text, identical on SQLite and PostgreSQL.
 * JSON columns are text holding JSON. Every instant column is paired with the zones
 * that give it meaning where people see it.
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: 'guest' | 'staff' | 'organizer';
  country: string;
  language: string;
  time_zone: string;
  created_at: string;
}

export interface AuthSessionsTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface EventsTable {
  id: string;
  name: string;
  description: string;
  /** Local dates in the event's zone, inclusive. */
  starts_on: string;
  ends_on: string;
  time_zone: string;
  created_at: string;
}

export interface HallsTable {
  id: string;
  event_id: string;
  name: string;
  position: number;
}

export interface BoothsTable {
  id: string;
  event_id: string;
  hall_id: string;
  organisation: string;
  description: string;
  /** JSON string[] */
  tags: string;
  /** JSON string[] of BCP-47 language tags */
  languages: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  logo_url: string | null;
  created_at: string;
}

export interface StaffTable {
  id: string;
  booth_id: string;
  user_id: string;
  title: string;
  time_zone: string;
  /** JSON Availability (weekly rules, exceptions) */
  availability: string;
  buffer_minutes: number;
  /** JSON number[] */
  meeting_lengths: string;
  /** Most guests in one meeting (1 = one-to-one). */
  group_size: Generated<number>;
  /** Bumped by every booking of this staff member: serialises bookings on SQLite and PostgreSQL alike. */
  lock_version: Generated<number>;
}

export interface AppointmentsTable {
  id: string;
  booth_id: string;
  staff_id: string;
  guest_id: string;
  start_at: string;
  end_at: string;
  guest_zone: string;
  staff_zone: string;
  event_zone: string;
  status: 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'declined' | 'expired';
  /** true when the guest asked for "any available rep" and the server picked one. */
  any_rep: number;
  note: string;
  created_at: string;
  updated_at: string;
  /** A no-show's absent side ('guest' | 'staff' | 'both'); null otherwise. Left out on insert. */
  missing_party: ColumnType<'guest' | 'staff' | 'both' | null, 'guest' | 'staff' | 'both' | null | undefined>;
  /** Who set a completed / no_show status: 'attendance' (the media server) or 'staff'. Left out on insert. */
  outcome_by: ColumnType<'attendance' | 'staff' | null, 'attendance' | 'staff' | null | undefined>;
  /** JSON ConnectionTest: the guest's last pre-join connection test; null until one ran. Left out on insert. */
  connection_test: ColumnType<string | null, string | null | undefined>;
  /** Bumped when the appointment is cancelled, rescheduled or moved: older meeting tokens stop opening its room. */
  token_version: Generated<number>;
  /** When another staff member of the booth took the meeting over from its absent host (migration 0016). Left out on insert. */
  handed_over_at: ColumnType<string | null, string | null | undefined>;
  /** The staff row it was taken from. Left out on insert. */
  handed_over_from: ColumnType<string | null, string | null | undefined>;
  /** The language the guest asked an interpreter for when booking; null: none asked (migration 0017). */
  interpreter_language: ColumnType<string | null, string | null | undefined>;
  /** The booth's staff member assigned to interpret; null until assigned. */
  interpreter_staff_id: ColumnType<string | null, string | null | undefined>;
}

/** One person in one meeting room: from the media server's joins and leaves. */
export interface AttendanceTable {
  room_id: string;
  user_id: string;
  /** The participant role they had ('host' for booth staff, 'guest', ...). */
  role: string;
  first_join_at: string;
  last_leave_at: string | null;
  /** Seconds present, summed over visits; the current visit (since `present_since`) is added when it ends. */
  seconds: number;
  present_since: string | null;
  /** JSON QualitySummary, null without reports. */
  quality: string | null;
}

export type RecordingStatus = 'recording' | 'composing' | 'ready' | 'failed' | 'deleted';

/** One recording of a meeting room (migration 0010). */
export interface RecordingsTable {
  id: string;
  room_id: string;
  appointment_id: string | null;
  started_by: string;
  started_at: string;
  stopped_at: string | null;
  status: RecordingStatus;
  progress: Generated<number>;
  expires_at: string;
}

/** A participant's yes or no to one recording. */
export interface RecordingConsentsTable {
  recording_id: string;
  participant: string;
  display_name: string;
  /** 1 = agreed, 0 = declined. */
  consent: number;
  decided_at: string;
}

/** A file of a recording: a track copied during the call, or the composed video. */
export interface RecordingFilesTable {
  id: string;
  recording_id: string;
  kind: 'track' | 'composed';
  participant: string | null;
  media: 'audio' | 'video' | null;
  file_name: string;
  offset_ms: Generated<number>;
  bytes: Generated<number>;
  /** An interpretation channel's language (migration 0019); null for the floor and video. Left out on insert. */
  language: ColumnType<string | null, string | null | undefined>;
}

export interface TalksTable {
  id: string;
  event_id: string;
  hall_id: string;
  title: string;
  kind: 'talk' | 'panel' | 'keynote';
  /** JSON string[] of speaker names */
  speakers: string;
  start_at: string;
  end_at: string;
  capacity: number;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  appointment_id: string | null;
  /** e.g. 'reminder-24h', 'reminder-10m', 'appointment-confirmed' */
  kind: string;
  /** Unique per (user, appointment, kind): a reminder is sent once, even across restarts. */
  dedupe_key: string;
  message: string;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_email: string;
  subject: string;
  body: string;
  dedupe_key: string;
  created_at: string;
  sent_at: string | null;
  /** The mailer sending it (one node's), and since when; null until claimed. Left out on insert. */
  claimed_by: ColumnType<string | null, string | null | undefined>;
  claimed_at: ColumnType<string | null, string | null | undefined>;
  /** Failed sends so far; the next try waits until `next_attempt_at` (exponential backoff). */
  attempts: Generated<number>;
  next_attempt_at: ColumnType<string | null, string | null | undefined>;
  /** Dead letter: given up (a permanent refusal, or too many attempts); never tried again. */
  failed_at: ColumnType<string | null, string | null | undefined>;
  last_error: ColumnType<string | null, string | null | undefined>;
}

export interface AccountTokensTable {
  /** sha256 of the token sent by e-mail; the token itself is never stored. */
  id: string;
  purpose: 'password-reset' | 'register';
  /** Lower case. */
  email: string;
  /** The account it acts on (password reset); null for a registration not yet confirmed. */
  user_id: string | null;
  /** JSON: a registration's details (name, password hash, country, language, zone). */
  payload: string | null;
  created_at: string;
  expires_at: string;
  /** Set once, when the token is used: single use. */
  used_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface LeadCardsTable {
  appointment_id: string;
  booth_id: string;
  guest_id: string;
  /** JSON ContactCard: only the fields the guest chose to share; {} once revoked. */
  card: string;
  consented_at: string;
  revoked_at: string | null;
}

export interface LeadNotesTable {
  appointment_id: string;
  booth_id: string;
  rating: 'hot' | 'warm' | 'cold' | null;
  /** JSON string[] */
  tags: string;
  note: string;
  /** JSON Record<questionId, string> */
  answers: string;
  updated_at: string;
  updated_by: string;
}

export interface BoothQuestionsTable {
  booth_id: string;
  /** JSON Array<{ id: string; text: string }> */
  questions: string;
}

/** Anonymous booth page visits per quarter hour (migration 0013). */
export interface BoothVisitsTable {
  booth_id: string;
  /** The quarter hour's start, ISO UTC. */
  bucket: string;
  visits: number;
}

/** A guest waiting for a booth day with no free time (migration 0018). */
export interface WaitlistTable {
  id: string;
  booth_id: string;
  guest_id: string;
  day: string;
  zone: string;
  window_start: string;
  window_end: string;
  status: 'waiting' | 'offered' | 'booked' | 'expired' | 'left';
  offer_start: string | null;
  offer_end: string | null;
  offer_staff_id: string | null;
  offer_expires_at: string | null;
  created_at: string;
  updated_at: string;
}
export type WaitlistRow = WaitlistTable;

/** An interpreter an organizer assigned to a stage session for one language. */
export type SessionInterpretersTable = {
  session_id: string;
  language: string;
  user_id: string;
  created_at: string;
};

export interface Database {
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  events: EventsTable;
  halls: HallsTable;
  booths: BoothsTable;
  staff: StaffTable;
  appointments: AppointmentsTable;
  attendance: AttendanceTable;
  agenda_sessions: TalksTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  account_tokens: AccountTokensTable;
  settings: SettingsTable;
  lead_cards: LeadCardsTable;
  lead_notes: LeadNotesTable;
  booth_questions: BoothQuestionsTable;
  recordings: RecordingsTable;
  recording_consents: RecordingConsentsTable;
  recording_files: RecordingFilesTable;
  booth_visits: BoothVisitsTable;
  waitlist: WaitlistTable;
  session_interpreters: SessionInterpretersTable;
}

export type UserRow = Selectable<UsersTable>;
export type EventRow = Selectable<EventsTable>;
export type HallRow = Selectable<HallsTable>;
export type BoothRow = Selectable<BoothsTable>;
export type StaffRow = Selectable<StaffTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type NewAppointment = Insertable<AppointmentsTable>;
export type AppointmentUpdate = Updateable<AppointmentsTable>;
export type AttendanceRow = Selectable<AttendanceTable>;
export type TalkRow = Selectable<TalksTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxEmail = Insertable<OutboxTable>;
export type AccountTokenRow = Selectable<AccountTokensTable>;

export type LeadCardRow = Selectable<LeadCardsTable>;
export type LeadNoteRow = Selectable<LeadNotesTable>;
export type RecordingRow = Selectable<RecordingsTable>;
export type RecordingFileRow = Selectable<RecordingFilesTable>;
export type RecordingConsentRow = Selectable<RecordingConsentsTable>;
