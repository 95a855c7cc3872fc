import { ErrorCode, roleSends, type IceServer, type ParticipantRole, type RtpCapabilitiesWire } from '@ca/signaling';
import { Device, debug, type types as ms } from 'mediasoup-client';
import { ClientErrorCode, SignalingError, isSignalingError, type ConnectionEvent } from '../api/signaling';
import type { Admission, Joined } from './Admission';
import { clearClaim, saveClaim } from './claims';
import type { IceRestarter } from './IceRestarter';
import { Ended, type MeetingContext } from './meetingContext';
import type { MeetingStatus } from './meetingTypes';
import { toProblem, type Problem } from './problems';
import { isTransient, type Receiver } from './Receiver';
import { isStageRoom, type RoomControl } from './RoomControl';
import type { Sender } from './Sender';

const log = debug('ca:media:participation');

/** What a Participation needs from the MeetingClient that owns it; the status stays the client's. */
export type ParticipationHost = {
  status(): MeetingStatus;
  /** Sets the status without publishing it (the participation emits once the step is done). */
  setStatus(status: 'joined' | 'reconnecting'): void;
  /** Ends the meeting ('ended') with this reason: the close cascade. */
  end(reason: Problem): void;
  /** Our role changed (a resume answer, a `roleChanged` push): start or stop sending. */
  applyRole(before: ParticipantRole | null, after: ParticipantRole): Promise<void>;
};

export type ParticipationOptions = {
  ctx: MeetingContext;
  host: ParticipationHost;
  roomId: string;
  handlerFactory: ms.HandlerFactory | undefined;
  /** How long a dropped connection may stay down before the meeting ends, in ms. */
  giveUpMs: number;
  receiver: Receiver;
  sender: Sender;
  ice: IceRestarter;
  admission: Admission;
  room: RoomControl;
  /** Media runs on another engine (a LiveKit stage): no Device, transports or producers here. */
  externalMedia?: boolean;
};

/**
 * Our peer in the room, from a join answer until the meeting ends: who we are
 * (peer id, role, resume key, ICE servers; the claim is saved for a reload), the
 * Device, and the pushes held while media is being set up (replayed in order).
 * It keeps the peer through a dropped connection: `resume` on the new socket and
 * reconcile what was missed, or join afresh once the server forgot the peer; the
 * meeting ends when the connection stays down for `giveUpMs`. A `mediaReset`
 * replaces transports, producers and consumers but keeps tracks and participants.
 */
export class Participation {
  readonly #options: ParticipationOptions;
  #peerId: string | null = null;
  #role: ParticipantRole | null = null;
  #resumeKey: string | null = null;
  #iceServers: IceServer[] = [];
  #device: ms.Device | null = null;
  /** Pushes received while the media session is being set up; null once they are handled live. */
  #queue: Array<() => void> | null = [];
  #giveUpTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ParticipationOptions) {
    this.#options = options;
  }

  get peerId(): string | null {
    return this.#peerId;
  }

  get role(): ParticipantRole | null {
    return this.#role;
  }

  get iceServers(): readonly IceServer[] {
    return this.#iceServers;
  }

  /** The Device of the current media session; null before the join and during a rejoin or reset. */
  get device(): ms.Device | null {
    return this.#device;
  }

  /** From a join answer to a live meeting: Device, recv transport, everyone's media, then ours. */
  async setUp(joined: Joined): Promise<void> {
    const { host, ctx, receiver, sender } = this.#options;
    this.#accept(joined);
    if (!this.#options.externalMedia) await this.#openMedia(joined.routerRtpCapabilities);
    host.setStatus('joined');
    this.#clearGiveUp();
    for (const peer of joined.peers) if (peer.peerId !== this.#peerId) receiver.addPeer(peer);
    this.#flushQueue();
    ctx.emit();
    log('joined %s as %s (%s) with %d others', this.#options.roomId, joined.peerId, joined.role, joined.peers.length);
    if (this.#options.externalMedia) return; // the engine sends (MeetingClient)
    // An assigned interpreter on a stage speaks through their channel only (InterpretationPanel starts it).
    if (roleSends(joined.role) && !(isStageRoom(this.#options.roomId) && joined.room.interpretInto?.length)) await sender.publish();
    else sender.stopAll();
  }

  /** Runs a push's handler now, or once the media session being set up is ready. */
  deliver(handle: () => void): void {
    if (this.#queue) this.#queue.push(handle);
    else handle();
  }

  /** A `roleChanged` push. */
  changeRole(role: ParticipantRole): void {
    const before = this.#role;
    this.#role = role;
    this.#options.ctx.emit();
    void this.#options.host.applyRole(before, role);
  }

  /** Dropped → reconnecting (until `giveUpMs`); back → resume; back while in the lobby → knock again. */
  onConnection(event: ConnectionEvent): void {
    const { ctx, host } = this.#options;
    if (ctx.ended()) return;
    if (event === 'reconnecting') {
      if (host.status() !== 'joined') return;
      log('connection dropped; reconnecting');
      host.setStatus('reconnecting');
      this.#giveUpTimer ??= setTimeout(() => {
        if (host.status() === 'reconnecting') {
          host.end(toProblem(new SignalingError(ClientErrorCode.Disconnected, 'could not reconnect')));
        }
      }, this.#options.giveUpMs);
      ctx.emit();
    } else if (host.status() === 'reconnecting') void this.#resume();
    else if (host.status() === 'lobby') this.#options.admission.knockAgain().catch((error: unknown) => log('knock again failed: %o', error));
  }

  /** The room moved to another media worker: new transports, everything sent again, others consumed again. */
  async resetMedia(routerRtpCapabilities: RtpCapabilitiesWire): Promise<void> {
    const { ctx, host, receiver, sender } = this.#options;
    if (this.#options.externalMedia) return; // nothing of ours to reset
    log('media reset');
    this.#queue = [];
    receiver.closeTransport();
    receiver.peers.dropAllMedia();
    sender.dropTransport();
    ctx.emit();
    try {
      await this.#openMedia(routerRtpCapabilities);
      this.#flushQueue();
      ctx.emit();
      if (this.#role && roleSends(this.#role)) await sender.publish();
    } catch (error) {
      if (error instanceof Ended || ctx.ended()) return;
      host.end(toProblem(error));
    }
  }

  /** The meeting ended: held pushes dropped, no give-up timer, no Device. */
  close(): void {
    this.#queue = null;
    this.#clearGiveUp();
    this.#device = null;
  }

  /** Takes over who we are and the room's state from a join or resume answer. */
  #accept(joined: Joined): void {
    this.#peerId = joined.peerId;
    this.#role = joined.role;
    this.#resumeKey = joined.resumeKey;
    this.#iceServers = joined.iceServers;
    this.#options.room.reset(joined.room);
    saveClaim({ roomId: this.#options.roomId, peerId: joined.peerId, resumeKey: joined.resumeKey });
  }

  /** A fresh Device for these router capabilities and its recv transport (the send one follows on first produce). */
  async #openMedia(routerRtpCapabilities: RtpCapabilitiesWire): Promise<void> {
    const { handlerFactory, receiver } = this.#options;
    this.#device = null;
    const device = await Device.factory(handlerFactory ? { handlerFactory } : {});
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as ms.RtpCapabilities });
    this.#assertActive();
    this.#device = device;
    await receiver.open();
    this.#assertActive();
  }

  /** Takes our peer back on the new socket and reconciles what was missed; joins afresh when it is gone. */
  async #resume(): Promise<void> {
    const { ctx, host, roomId, receiver, sender } = this.#options;
    const peerId = this.#peerId;
    const resumeKey = this.#resumeKey;
    if (!peerId || !resumeKey) return;
    this.#queue = [];
    let joined: Joined;
    try {
      joined = await ctx.signaling.request('resume', { roomId, peerId, resumeKey });
      this.#assertActive();
    } catch (error) {
      if (error instanceof Ended || ctx.ended()) return;
      if (isTransient(error)) {
        // A timeout on a live socket: ask again; a dropped one brings another 'reconnected'.
        if (ctx.signaling.connected) setTimeout(() => host.status() === 'reconnecting' && void this.#resume(), 1_000);
        return;
      }
      if (isSignalingError(error) && error.code === ErrorCode.RemovedByHost) {
        clearClaim(roomId);
        host.end(toProblem(error));
        return;
      }
      await this.#rejoin();
      return;
    }
    const roleBefore = this.#role;
    this.#accept(joined);
    host.setStatus('joined');
    this.#clearGiveUp();
    receiver.reconcile(joined.peers.filter((p) => p.peerId !== peerId));
    this.#flushQueue();
    ctx.emit();
    log('resumed %s as %s', roomId, peerId);
    if (roleBefore !== joined.role) void host.applyRole(roleBefore, joined.role);
    else if (roleSends(joined.role) && !this.#options.externalMedia) void sender.publishMissing();
    void this.#options.ice.restartStale([receiver.transport, sender.transport]);
  }

  /** The server forgot our peer (grace period over): join again and send the same tracks. */
  async #rejoin(): Promise<void> {
    const { ctx, host, receiver, sender, admission } = this.#options;
    log('resume refused; joining afresh');
    receiver.clear();
    sender.dropTransport();
    this.#device = null;
    this.#queue = [];
    ctx.emit();
    try {
      await this.setUp(await admission.enter(null));
    } catch (error) {
      if (error instanceof Ended || ctx.ended() || isTransient(error)) return; // a new 'reconnected' tries again
      host.end(toProblem(error));
    }
  }

  #flushQueue(): void {
    const queued = this.#queue ?? [];
    this.#queue = null;
    for (const handle of queued) handle();
  }

  #clearGiveUp(): void {
    clearTimeout(this.#giveUpTimer);
    this.#giveUpTimer = undefined;
  }

  #assertActive(): void {
    if (this.#options.ctx.ended()) throw new Ended();
  }
}
