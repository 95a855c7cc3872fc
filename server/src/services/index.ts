import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { AuthService } from './auth.js';
import { BookingService } from './booking.js';
import type { Clock } from './clock.js';
import { CredentialService } from './credentials.js';
import { ExpoService, type Presence } from './expo.js';
import { OutboxMailer } from './mailer.js';
import { MeetingService, type StageMediaTickets } from './meetings.js';
import { OrganizerService } from './organizer.js';
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from './openRequests.js';
import { ReminderService } from './reminders.js';
import { RequestExpiry } from './requestExpiry.js';
import { localSlotBus, SlotCache, type SlotBus } from './slotCache.js';

export type Services = {
  store: Store;
  clock: Clock;
  auth: AuthService;
  /** Password change and reset by e-mail. */
  credentials: CredentialService;
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
  /** How the slot caches of a cluster's nodes hear of changes on other nodes. Default: a single node's. */
  slotBus?: SlotBus;
  log: Logger;
  meetingSecret?: string | undefined;
  smtp?: { url: string; from: string } | undefined;
  /** Base of links in e-mails. Default http://localhost:3000. */
  appUrl?: string | undefined;
  /** Stages on LiveKit (STAGE_MEDIA=livekit): their media tickets. Default: stages on mediasoup. */
  stageMedia?: StageMediaTickets | undefined;
  /** Caps and expiry of unanswered requests. Default DEFAULT_BOOKING_LIMITS. */
  booking?: BookingLimits | undefined;
}): Promise<Services> {
  const { store, clock } = deps;
  const meetingSecret = deps.meetingSecret ?? (await store.settings.getOrCreate('meeting-token-secret'));
  const auth = new AuthService(store, clock, meetingSecret);
  const slotCache = new SlotCache({ clock, bus: deps.slotBus ?? localSlotBus });
  const limits = deps.booking ?? DEFAULT_BOOKING_LIMITS;
  const booking = new BookingService(store, clock, slotCache, limits);
  return {
    store,
    clock,
    auth,
    credentials: new CredentialService({ store, clock, log: deps.log, appUrl: deps.appUrl ?? 'http://localhost:3000' }),
    expo: new ExpoService(store, deps.presence),
    booking,
    meetings: new MeetingService(booking, store, clock, meetingSecret, deps.stageMedia),
    organizer: new OrganizerService(store, auth, clock, slotCache),
    reminders: new ReminderService(store, clock, deps.log),
    requestExpiry: new RequestExpiry({ store, clock, log: deps.log, leadMinutes: limits.requestExpiryMinutes,
      onSlotFreed: (boothId) => slotCache.invalidate(boothId),
    }),
    mailer: deps.smtp && new OutboxMailer(store, clock, deps.log, { smtpUrl: deps.smtp.url, from: deps.smtp.from }),
    meetingSecret,
  };
}
