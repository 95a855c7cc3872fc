import { NO_SHOW_AFTER_MINUTES } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { AnalyticsService } from './analytics.js';
import { AttendanceService } from './attendance.js';
import { LiveNowService } from './liveNow.js';
import { HandoffService } from './handoff.js';
import { InterpreterService } from './interpreters.js';
import { StageInterpreterService } from './stageInterpreters.js';
import { StatusNotices } from './statusNotices.js';
import { WalkInTimes } from './walkInTimes.js';
import { WAITLIST_OFFER_MINUTES, WaitlistService } from './waitlist.js';
import { AuthService } from './auth.js';
import { AccountService } from './account.js';
import { LeadService } from './leads.js';
import { ConnectionTestService } from './connectionTests.js';
import { BookingService } from './booking.js';
import type { Clock } from './clock.js';
import { CredentialService } from './credentials.js';
import { ExpoService, type Presence } from './expo.js';
import { OutboxMailer } from './mailer.js';
import { MeetingService, type StageMediaTickets } from './meetings.js';
import { OrganizerService } from './organizer.js';
import { OutcomeService } from './outcomes.js';
import { DEFAULT_BOOKING_LIMITS, type BookingLimits } from './openRequests.js';
import { RegistrationService } from './registration.js';
import { ReminderService } from './reminders.js';
import { RequestExpiry } from './requestExpiry.js';
import { localSlotBus, SlotCache, type SlotBus } from './slotCache.js';

export type Services = {
  store: Store;
  clock: Clock;
  auth: AuthService;
  /** Password change and reset by e-mail. */
  credentials: CredentialService;
  /** Guest sign-up confirmed by e-mail (the same answer for taken and new addresses). */
  registration: RegistrationService;
  expo: ExpoService;
  booking: BookingService;
  meetings: MeetingService;
  organizer: OrganizerService;
  reminders: ReminderService;
  /** Attendance from the media server (the AttendancePort our rooms feed). */
  attendance: AttendanceService;
  /** Appointment outcomes (completed / no-show) from attendance. */
  outcomes: OutcomeService;
  /** Guests' pre-join connection tests, kept on their appointments. */
  connectionTests: ConnectionTestService;
  /** Contact cards shared with consent, and the booth staff's notes on their leads. */
  leads: LeadService;
  /** A guest's data export and account deletion. */
  account: AccountService;
  /** Booth and event dashboards, and the anonymous booth visit counter. */
  analytics: AnalyticsService;
  /** What is happening at an event now (organizers' live view). */
  liveNow: LiveNowService;
  /** No-show hand-off: waiting guests, taking a meeting over, where the host is. */
  handoff: HandoffService;
  /** Interpreters asked for at booking and assigned by the booth. */
  interpreters: InterpreterService;
  stageInterpreters: StageInterpreterService;
  /** In-app notices to the other side when an appointment is answered or cancelled. */
  statusNotices: StatusNotices;
  /** Typical walk-in meeting length per booth, for the lobby's wait estimates. */
  walkInTimes: WalkInTimes;
  /** Guests waiting for a booth day with no free time; freed times offered in turn. */
  waitlist: WaitlistService;
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
  /** Minutes after the start by which both sides must have joined, else no-show. Default NO_SHOW_AFTER_MINUTES (10). */
  noShowAfterMinutes?: number | undefined;
  /** Base of links in e-mails. Default http://localhost:3000. */
  appUrl?: string | undefined;
  /** Stages on LiveKit (STAGE_MEDIA=livekit): their media tickets. Default: stages on mediasoup. */
  stageMedia?: StageMediaTickets | undefined;
  /** Caps and expiry of unanswered requests. Default DEFAULT_BOOKING_LIMITS. */
  booking?: BookingLimits | undefined;
  /** Minutes a freed time is held for the waiting guest offered it. Default WAITLIST_OFFER_MINUTES (30). */
  waitlistOfferMinutes?: number | undefined;
}): Promise<Services> {
  const { store, clock } = deps;
  const meetingSecret = deps.meetingSecret ?? (await store.settings.getOrCreate('meeting-token-secret'));
  const auth = new AuthService(store, clock, meetingSecret);
  const slotCache = new SlotCache({ clock, bus: deps.slotBus ?? localSlotBus });
  const limits = deps.booking ?? DEFAULT_BOOKING_LIMITS;
  const booking = new BookingService(store, clock, slotCache, limits);
  const attendance = new AttendanceService(store, clock, deps.log.child({ mod: 'attendance' }));
  const noShowAfterMinutes = deps.noShowAfterMinutes ?? NO_SHOW_AFTER_MINUTES;
  return {
    store,
    clock,
    auth,
    credentials: new CredentialService({ store, clock, log: deps.log, appUrl: deps.appUrl ?? 'http://localhost:3000' }),
    registration: new RegistrationService({ store, clock, auth, log: deps.log, appUrl: deps.appUrl ?? 'http://localhost:3000' }),
    expo: new ExpoService(store, deps.presence),
    booking,
    meetings: new MeetingService(booking, store, clock, meetingSecret, deps.stageMedia),
    organizer: new OrganizerService(store, auth, clock, slotCache),
    reminders: new ReminderService(store, clock, deps.log),
    attendance,
    connectionTests: new ConnectionTestService(store, booking, clock),
    leads: new LeadService(store, booking, clock),
    account: new AccountService(store, booking, clock),
    analytics: new AnalyticsService(store, clock),
    liveNow: new LiveNowService(store, clock),
    handoff: new HandoffService(store, booking, clock),
    interpreters: new InterpreterService(store, booking, clock),
    stageInterpreters: new StageInterpreterService(store, clock),
    statusNotices: new StatusNotices(store, clock, deps.log.child({ mod: 'notices' })),
    walkInTimes: new WalkInTimes(store, clock),
    waitlist: new WaitlistService(store, booking, clock, deps.log.child({ mod: 'waitlist' }), {
      offerMinutes: deps.waitlistOfferMinutes ?? WAITLIST_OFFER_MINUTES,
      onHoldChanged: (boothId) => slotCache.invalidate(boothId),
    }),
    outcomes: new OutcomeService(store, attendance, clock, deps.log.child({ mod: 'outcomes' }), { noShowAfterMinutes }),
    requestExpiry: new RequestExpiry({
      store,
      clock,
      log: deps.log,
      leadMinutes: limits.requestExpiryMinutes,
      onSlotFreed: (boothId) => slotCache.invalidate(boothId),
    }),
    mailer: deps.smtp && new OutboxMailer(store, clock, deps.log, { smtpUrl: deps.smtp.url, from: deps.smtp.from }),
    meetingSecret,
  };
}
