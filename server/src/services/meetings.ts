import { ErrorCode, type JoinResponse } from '@ca/signaling';
import { joinWindow } from '../domain/index.js';
import { AppError } from '../errors.js';
import { signMeetingToken } from '../security/meetingTokens.js';
import type { AuthenticatedUser } from './auth.js';
import type { AppointmentStore } from '../store/appointments.js';
import type { BookingService } from './booking.js';
import { iso, type Clock } from './clock.js';

export { APPOINTMENT_ROOM_PREFIX, appointmentRoomId } from '../meeting/roomKinds.js';
import { appointmentRoomId, boothRoomId, stageRoomId } from '../meeting/roomKinds.js';
import type { MeetingClaims } from '../security/meetingTokens.js';
import type { Store } from '../store/index.js';

/** How long a booth walk-in token stays valid: a visit, not a day. */
const WALK_IN_MINUTES = 120;
/** A stage opens this long before its session starts (speakers check their setup) and stays open after. */
const STAGE_EARLY_MINUTES = 15;
const STAGE_LATE_MINUTES = 30;

/**
 * Where a stage's media runs when it is not our mediasoup (STAGE_MEDIA=livekit): issues that
 * engine's own ticket beside ours. Throws an AppError (REMOVED_BY_HOST, ROOM_LOCKED) when the
 * user may not come in, so a removed viewer or a locked stage gets no new media token.
 */
export type StageMediaTickets = {
  ticket(input: {
    roomId: string;
    userId: string;
    name: string;
    moderator: boolean;
    until: number;
    /** Languages they were assigned to interpret into (they publish those channels only). */
    interprets?: readonly string[];
  }): Promise<{ url: string; token: string }>;
};

/**
 * Issues meeting tokens: to an appointment's guest and staff inside its join window;
 * to booth visitors (who then knock) and booth staff (hosts) for walk-ins; to the
 * audience and the organizer (moderator) of an agenda session around its time.
 */
export class MeetingService {
  private readonly appointments: AppointmentStore;

  constructor(
    private readonly booking: BookingService,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly secret: string,
    /** Stages on another media engine (LiveKit); undefined: stages stay on mediasoup. */
    private readonly stageMedia?: StageMediaTickets,
  ) {
    this.appointments = store.appointments;
  }

  /** A walk-in ticket for a booth's room: its staff host it, anyone else signed in waits in the lobby. */
  async boothMeeting(user: AuthenticatedUser, boothId: string): Promise<JoinResponse> {
    const booth = await this.store.expo.booth(boothId);
    if (!booth) throw new AppError(ErrorCode.NotFound, 'no such booth');
    const staff = await this.store.expo.staffOf([boothId]);
    const isStaff = staff.some((s) => s.user_id === user.id);
    const now = this.clock.now();
    return this.#ticket(user, boothRoomId(boothId), isStaff ? 'host' : 'guest', now, now + WALK_IN_MINUTES * 60_000);
  }

  /** A stage ticket for an agenda session: organizers moderate, everyone else watches. */
  async stageMeeting(user: AuthenticatedUser, sessionId: string): Promise<JoinResponse> {
    const session = await this.store.agenda.byId(sessionId);
    if (!session) throw new AppError(ErrorCode.NotFound, 'no such session');
    const start = Date.parse(session.start_at);
    const end = Date.parse(session.end_at) + STAGE_LATE_MINUTES * 60_000;
    const now = this.clock.now();
    const moderator = user.role === 'organizer';
    if (now >= end) throw new AppError(ErrorCode.Conflict, 'this session has ended');
    const opens = start - STAGE_EARLY_MINUTES * 60_000;
    if (!moderator && now < opens) {
      throw new AppError(ErrorCode.Conflict, 'the stage opens 15 minutes before the session', { opensAt: iso(opens) });
    }
    const roomId = stageRoomId(sessionId);
    // An interpreter assigned by the organizers speaks (into their channels only: the token names them).
    const interp = moderator ? [] : await this.store.agenda.languagesOf(sessionId, user.id);
    const role = moderator ? 'host' : interp.length > 0 ? 'speaker' : 'audience';
    const ticket = this.#ticket(user, roomId, role, Math.min(now, opens), end, { agenda: sessionId, ...(interp.length > 0 && { interp }) });
    if (!this.stageMedia) return ticket;
    const livekit = await this.stageMedia.ticket({ roomId, userId: user.id, name: user.name, moderator, until: end, interprets: interp });
    return { ...ticket, livekit };
  }

  /**
   * Whether what granted a token still stands (asked at every join): its appointment is
   * confirmed at the token's version, its agenda session still exists. Tokens without a
   * grant (booth walk-ins) stand on their signature and window alone.
   */
  async grantStillValid(claims: Pick<MeetingClaims, 'appt' | 'ver' | 'agenda'>): Promise<boolean> {
    if (claims.appt !== undefined) {
      const row = await this.appointments.byId(claims.appt);
      return row !== undefined && row.status === 'confirmed' && row.token_version === claims.ver;
    }
    if (claims.agenda !== undefined) return (await this.store.agenda.byId(claims.agenda)) !== undefined;
    return true;
  }

  #ticket(
    user: AuthenticatedUser,
    roomId: string,
    role: MeetingClaims['role'],
    from: number,
    until: number,
    grant: Pick<MeetingClaims, 'agenda' | 'interp'> = {},
  ): JoinResponse {
    const token = signMeetingToken(
      {
        room: roomId,
        role,
        ...grant,
        sub: user.id,
        name: user.name,
        country: user.country,
        lang: user.language,
        nbf: Math.floor(from / 1000),
        exp: Math.ceil(until / 1000),
      },
      this.secret,
    );
    return { roomId, token, url: `/meet/${roomId}`, expiresAt: iso(until) };
  }

  /** The language this user was assigned to interpret into for a booked meeting (none when they are not its interpreter). */
  async #interpreterLanguages(row: { interpreter_staff_id: string | null; interpreter_language: string | null }, userId: string): Promise<string[]> {
    if (row.interpreter_staff_id === null || row.interpreter_language === null) return [];
    const member = await this.store.expo.staffMember(row.interpreter_staff_id);
    return member?.user_id === userId ? [row.interpreter_language] : [];
  }

  async join(user: AuthenticatedUser, appointmentId: string): Promise<JoinResponse> {
    const { row, role } = await this.booking.forParticipant(user, appointmentId);
    const window = joinWindow({ start: Date.parse(row.start_at), end: Date.parse(row.end_at) });
    const now = this.clock.now();
    if (row.status !== 'confirmed') {
      throw new AppError(ErrorCode.Conflict, `the appointment is ${row.status}, not confirmed`, { status: row.status });
    }
    if (now < window.start) {
      throw new AppError(ErrorCode.Conflict, 'the meeting room opens 10 minutes before the start', {
        opensAt: iso(window.start),
      });
    }
    if (now >= window.end) throw new AppError(ErrorCode.Conflict, 'this appointment has ended');
    // A group meeting (several guests booked the same time) is one room: the first booking's.
    const [first] = await this.appointments.sameMeeting(row);
    const roomId = appointmentRoomId(first?.id ?? row.id);
    const interp = await this.#interpreterLanguages(row, user.id);
    const token = signMeetingToken(
      {
        room: roomId,
        role: role === 'staff' ? 'host' : 'guest',
        appt: row.id,
        ver: row.token_version,
        ...(interp.length > 0 && { interp }),
        sub: user.id,
        name: user.name,
        country: user.country,
        lang: user.language,
        nbf: Math.floor(window.start / 1000),
        exp: Math.ceil(window.end / 1000),
      },
      this.secret,
    );
    return { roomId, token, url: `/meet/${roomId}`, expiresAt: iso(window.end) };
  }
}
