import { NO_SHOW_AFTER_MINUTES } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { AttendanceService } from './attendance.js';
import { AuthService } from './auth.js';
import { BookingService } from './booking.js';
import type { Clock } from './clock.js';
import { ExpoService, type Presence } from './expo.js';
import { OutboxMailer } from './mailer.js';
import { MeetingService } from './meetings.js';
import { OrganizerService } from './organizer.js';
import { OutcomeService } from './outcomes.js';
import { ReminderService } from './reminders.js';

export type Services = {
  store: Store;
  clock: Clock;
  auth: AuthService;
  expo: ExpoService;
  booking: BookingService;
  meetings: MeetingService;
  organizer: OrganizerService;
  reminders: ReminderService;
  /** Attendance from the media server (the AttendancePort our rooms feed). */
  attendance: AttendanceService;
  /** Appointment outcomes (completed / no-show) from attendance. */
  outcomes: OutcomeService;
  /** Delivers the e-mail outbox when SMTP is configured. */
  mailer: OutboxMailer | undefined;
  /** Secret that signs meeting tokens (from MEETING_TOKEN_SECRET, else kept in the database). */
  meetingSecret: string;
};

export async function createServices(deps: {
  store: Store;
  clock: Clock;
  presence: Presence;
  log: Logger;
  meetingSecret?: string | undefined;
  smtp?: { url: string; from: string } | undefined;
  /** Minutes after the start by which both sides must have joined, else no-show. Default NO_SHOW_AFTER_MINUTES (10). */
  noShowAfterMinutes?: number | undefined;
}): Promise<Services> {
  const { store, clock } = deps;
  const meetingSecret = deps.meetingSecret ?? (await store.settings.getOrCreate('meeting-token-secret'));
  const auth = new AuthService(store, clock);
  const attendance = new AttendanceService(store, clock, deps.log.child({ mod: 'attendance' }));
  const booking = new BookingService(store, clock);
  const noShowAfterMinutes = deps.noShowAfterMinutes ?? NO_SHOW_AFTER_MINUTES;
  return {
    store,
    clock,
    auth,
    expo: new ExpoService(store, deps.presence),
    booking,
    meetings: new MeetingService(booking, store, clock, meetingSecret),
    organizer: new OrganizerService(store, auth, clock),
    reminders: new ReminderService(store, clock, deps.log),
    attendance,
    outcomes: new OutcomeService(store, attendance, clock, deps.log.child({ mod: 'outcomes' }), { noShowAfterMinutes }),
    mailer: deps.smtp && new OutboxMailer(store, clock, deps.log, { smtpUrl: deps.smtp.url, from: deps.smtp.from }),
    meetingSecret,
  };
}
