import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { AuthService } from './auth.js';
import { BookingService } from './booking.js';
import type { Clock } from './clock.js';
import { ExpoService, type Presence } from './expo.js';
import { OutboxMailer } from './mailer.js';
import { MeetingService } from './meetings.js';
import { OrganizerService } from './organizer.js';
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from './openRequests.js';
import { ReminderService } from './reminders.js';
import { RequestExpiry } from './requestExpiry.js';

export type Services = {
  store: Store;
  clock: Clock;
  auth: AuthService;
  expo: ExpoService;
  booking: BookingService;
  meetings: MeetingService;
  organizer: OrganizerService;
  reminders: ReminderService;
  /** Lets unanswered appointment requests expire before their slot (BookingLimits.requestExpiryMinutes). */
  requestExpiry: RequestExpiry;
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
  /** Caps and expiry of unanswered requests. Default DEFAULT_BOOKING_LIMITS. */
  booking?: BookingLimits | undefined;
}): Promise<Services> {
  const { store, clock } = deps;
  const meetingSecret = deps.meetingSecret ?? (await store.settings.getOrCreate('meeting-token-secret'));
  const auth = new AuthService(store, clock);
  const limits = deps.booking ?? DEFAULT_BOOKING_LIMITS;
  const booking = new BookingService(store, clock, limits);
  return {
    store,
    clock,
    auth,
    expo: new ExpoService(store, deps.presence),
    booking,
    meetings: new MeetingService(booking, store, clock, meetingSecret),
    organizer: new OrganizerService(store, auth, clock),
    reminders: new ReminderService(store, clock, deps.log),
    requestExpiry: new RequestExpiry({ store, clock, log: deps.log, leadMinutes: limits.requestExpiryMinutes }),
    mailer: deps.smtp && new OutboxMailer(store, clock, deps.log, { smtpUrl: deps.smtp.url, from: deps.smtp.from }),
    meetingSecret,
  };
}
