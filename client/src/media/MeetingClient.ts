import {
  ErrorCode,
  roleSends,
  type IceServer,
  type ParticipantRole,
  type PushName,
  type PushPayload,
  type RequestName,
  type RequestPayload,
  type ResponsePayload,
  type RtpCapabilitiesWire,
} from '@ca/signaling';
import { Device, debug, type types as ms } from 'mediasoup-client';
import { ClientErrorCode, SignalingClient, SignalingError, isSignalingError, type ConnectionEvent } from '../api/signaling';
import { Admission, DeclinedError, type Joined } from './Admission';
import { clearClaim, loadClaim, saveClaim } from './claims';
import { Ended, type MeetingContext } from './meetingContext';
import type {
  InfoCode,
  MeetingClientOptions,
  MeetingSnapshot,
  MeetingStatus,
  Notice,
  NoticeAction,
  VideoView,
} from './meetingTypes';
import { IceRestarter } from './IceRestarter';
import { toProblem, type Problem } from './problems';
import { QualityMonitor } from './QualityMonitor';
import { Receiver, isTransient } from './Receiver';
import { RoomControl } from './RoomControl';
import { Sender } from './Sender';
import { buildSnapshot } from './snapshot';

export type * from './meetingTypes';

const log = debug('ca:media:meeting');

/** Most notices kept; older ones drop off. */
const MAX_NOTICES = 4;

/**
 * One attempt at one meeting: the Socket.io signaling, the mediasoup-client Device,
 * the sending half (Sender: local tracks, producers, send transport) and the
 * receiving half (Receiver: everyone else, consumers, recv transport). No React
 * here: the UI reads `getSnapshot()` through `useSyncExternalStore(client.subscribe,
 * client.getSnapshot)` and calls the action methods, which never reject (failures
 * become `notices`).
 *
 * Close cascade: leave / roomClosed / connection lost for good / failed join → close
 * both transports (mediasoup-client closes their producers and consumers) → stop
 * every local track → close the socket. A dropped socket is not the end: Socket.io
 * reconnects and the client `resume`s its peer (or joins afresh once the server
 * forgot it). `mediaReset` replaces transports, producers and consumers but keeps
 * the tracks and the participants. Pushes that arrive while the join, a resume or a
 * reset is being set up are queued and replayed in order.
 */
export class MeetingClient {
  readonly #roomId: string;
  readonly #displayName: string;
  readonly #token: string | undefined;
  readonly #signaling: SignalingClient;
  readonly #handlerFactory: ms.HandlerFactory | undefined;
  readonly #giveUpMs: number;
  readonly #listeners = new Set<() => void>();
  readonly #receiver: Receiver;
  readonly #sender: Sender;
  readonly #quality: QualityMonitor;
  readonly #roomControl: RoomControl;
  readonly #ice: IceRestarter;
  readonly #admission: Admission;
  #status: MeetingStatus = 'connecting';
  #selfPeerId: string | null = null;
  #role: ParticipantRole | null = null;
  #resumeKey: string | null = null;
  #iceServers: IceServer[] = [];
  #device: ms.Device | null = null;
  #drainingDeadline: string | null = null;
  /** Pushes received while the media session is being set up; null once they are handled live. */
  #queue: Array<() => void> | null = [];
  #notices: Notice[] = [];
  #noticeId = 0;
  #endReason: Problem | null = null;
  #started = false;
  #giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  #snapshot: MeetingSnapshot;

  constructor(options: MeetingClientOptions) {
    this.#roomId = options.roomId;
    this.#displayName = options.displayName.trim();
    this.#token = options.token;
    this.#handlerFactory = options.handlerFactory;
    this.#giveUpMs = options.reconnectGiveUpMs ?? 120_000;
    this.#signaling = new SignalingClient(options.signaling);
    this.#admission = new Admission({
      signaling: this.#signaling,
      roomId: this.#roomId,
      displayName: this.#displayName,
      token: this.#token,
      assertActive: () => this.#assertActive(),
      onLobby: (waiting) => {
        this.#status = waiting ? 'lobby' : 'connecting';
        this.#emit();
      },
    });
    const ctx: MeetingContext = {
      signaling: this.#signaling,
      device: () => this.#device,
      iceServers: () => this.#iceServers,
      ended: () => this.#ended,
      live: () => this.#status === 'joined' && this.#signaling.connected,
      emit: () => this.#emit(),
      notify: (action, error, subject) => this.#notify(action, error, subject),
      onStaleTransport: (transport) => void this.#ice.restart(transport),
    };
    this.#ice = new IceRestarter({
      signaling: this.#signaling,
      canAsk: () => ctx.live(),
      onError: (error) => !this.#ended && this.#notify('connection', error),
    });
    this.#receiver = new Receiver(ctx);
    this.#sender = new Sender({
      ctx,
      devices: options.devices ?? {},
      tracks: { camera: options.tracks?.camera ?? null, microphone: options.tracks?.microphone ?? null },
      capture: options.capture,
    });
    this.#quality = new QualityMonitor({
      receiver: this.#receiver,
      sender: this.#sender,
      active: () => ctx.live(),
      onChange: () => this.#emit(),
      intervalMs: options.statsIntervalMs ?? 2_000,
    });
    this.#roomControl = new RoomControl({ act: (name, payload, action) => this.#act(name, payload, action), emit: () => this.#emit() });
    this.#wirePushes();
    this.#snapshot = this.#buildSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): MeetingSnapshot => this.#snapshot;

  get #ended(): boolean {
    return this.#status === 'left' || this.#status === 'ended' || this.#status === 'failed';
  }

  /** Connects, joins (through the lobby when there is one), receives everyone and sends the initial tracks. Never rejects; call once. */
  async join(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    try {
      await this.#signaling.connect();
      this.#assertActive();
      const joined = await this.#admission.enter(loadClaim(this.#roomId));
      await this.#setUp(joined);
      this.#quality.start();
    } catch (error) {
      if (error instanceof Ended || this.#ended) return;
      log('join failed: %o', error);
      if (error instanceof DeclinedError) clearClaim(this.#roomId);
      this.#finish('failed', toProblem(error));
    }
  }

  /** Mutes (pauses the producer) or unmutes; opens the microphone first if there is none. */
  setMicrophone(on: boolean): Promise<void> {
    return this.#sender.setDevice('microphone', on);
  }

  /** Turns the camera off (pauses the producer) or on; opens the camera first if there is none. */
  setCamera(on: boolean): Promise<void> {
    return this.#sender.setDevice('camera', on);
  }

  /** Starts sharing a screen, window or tab, or stops it. */
  setScreenShare(on: boolean): Promise<void> {
    return this.#sender.setScreenShare(on);
  }

  /**
   * Chat, raised hand and the host's controls (`admit`, `decline`, `setRoomLocked`,
   * `muteParticipant`, `removeParticipant`, `setOnStage`); none of them rejects.
   */
  get room(): RoomControl {
    return this.#roomControl;
  }

  /** Where a remote video tile is shown (null: no longer shown). */
  setVideoView(producerId: string, view: VideoView | null): void {
    this.#receiver.setVideoView(producerId, view);
  }

  /** Ends audio-first mode and keeps it off for this meeting. */
  turnVideoBackOn(): void {
    this.#quality.override();
  }

  /**
   * Sends `leave`, closes the transports, stops every track, closes the socket. Never
   * rejects. `keepClaim` (page unload) keeps the claim so a reload replaces this peer.
   */
  async leave(options: { keepClaim?: boolean } = {}): Promise<void> {
    if (this.#ended) return;
    const wasJoined = this.#status === 'joined' || this.#status === 'reconnecting';
    if (!options.keepClaim) clearClaim(this.#roomId);
    this.#finish('left', null, { keepSocket: true });
    if (wasJoined && this.#signaling.connected) {
      try {
        await this.#signaling.request('leave', {}, { timeoutMs: 3_000 });
      } catch (error) {
        log('leave not acknowledged: %o', error); // the server also cleans up when the socket closes
      }
    }
    this.#signaling.close();
  }

  dismissNotice(id: number): void {
    this.#notices = this.#notices.filter((n) => n.id !== id);
    this.#emit();
  }

  // ---- joining --------------------------------------------------------------

  /** From a join answer to a live meeting: Device, recv transport, everyone's media, then ours. */
  async #setUp(joined: Joined): Promise<void> {
    this.#accept(joined);
    await this.#openMedia(joined.routerRtpCapabilities);
    this.#status = 'joined';
    this.#clearGiveUp();
    for (const peer of joined.peers) if (peer.peerId !== this.#selfPeerId) this.#receiver.addPeer(peer);
    this.#flushQueue();
    this.#emit();
    log('joined %s as %s (%s) with %d others', this.#roomId, joined.peerId, joined.role, joined.peers.length);
    if (roleSends(joined.role)) await this.#sender.publish();
    else this.#sender.stopAll();
  }

  /** Takes over who we are and the room's state from a join or resume answer. */
  #accept(joined: Joined): void {
    this.#selfPeerId = joined.peerId;
    this.#role = joined.role;
    this.#resumeKey = joined.resumeKey;
    this.#iceServers = joined.iceServers;
    this.#roomControl.reset(joined.room);
    saveClaim({ roomId: this.#roomId, peerId: joined.peerId, resumeKey: joined.resumeKey });
  }

  /** A fresh Device for these router capabilities and its recv transport (the send one follows on first produce). */
  async #openMedia(routerRtpCapabilities: RtpCapabilitiesWire): Promise<void> {
    this.#device = null;
    const device = await Device.factory(this.#handlerFactory ? { handlerFactory: this.#handlerFactory } : {});
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as ms.RtpCapabilities });
    this.#assertActive();
    this.#device = device;
    await this.#receiver.open();
    this.#assertActive();
  }

  // ---- staying connected ----------------------------------------------------

  #onConnection(event: ConnectionEvent): void {
    if (this.#ended) return;
    if (event === 'reconnecting') {
      if (this.#status !== 'joined') return;
      log('connection dropped; reconnecting');
      this.#status = 'reconnecting';
      this.#giveUpTimer ??= setTimeout(() => {
        if (this.#status === 'reconnecting') {
          this.#finish('ended', toProblem(new SignalingError(ClientErrorCode.Disconnected, 'could not reconnect')));
        }
      }, this.#giveUpMs);
      this.#emit();
    } else if (this.#status === 'reconnecting') void this.#resume();
    else if (this.#status === 'lobby') this.#admission.knockAgain().catch((error: unknown) => log('knock again failed: %o', error));
  }

  /** Takes our peer back on the new socket and reconciles what was missed; joins afresh when it is gone. */
  async #resume(): Promise<void> {
    const peerId = this.#selfPeerId;
    const resumeKey = this.#resumeKey;
    if (!peerId || !resumeKey) return;
    this.#queue = [];
    let joined: Joined;
    try {
      joined = await this.#signaling.request('resume', { roomId: this.#roomId, peerId, resumeKey });
      this.#assertActive();
    } catch (error) {
      if (error instanceof Ended || this.#ended) return;
      if (isTransient(error)) {
        // A timeout on a live socket: ask again; a dropped one brings another 'reconnected'.
        if (this.#signaling.connected) setTimeout(() => this.#status === 'reconnecting' && void this.#resume(), 1_000);
        return;
      }
      if (isSignalingError(error) && error.code === ErrorCode.RemovedByHost) {
        clearClaim(this.#roomId);
        this.#finish('ended', toProblem(error));
        return;
      }
      await this.#rejoin();
      return;
    }
    const roleBefore = this.#role;
    this.#accept(joined);
    this.#status = 'joined';
    this.#clearGiveUp();
    this.#receiver.reconcile(joined.peers.filter((p) => p.peerId !== peerId));
    this.#flushQueue();
    this.#emit();
    log('resumed %s as %s', this.#roomId, peerId);
    if (roleBefore !== joined.role) void this.#applyRole(roleBefore, joined.role);
    else if (roleSends(joined.role)) void this.#sender.publishMissing();
    void this.#ice.restartStale([this.#receiver.transport, this.#sender.transport]);
  }

  /** The server forgot our peer (grace period over): join again and send the same tracks. */
  async #rejoin(): Promise<void> {
    log('resume refused; joining afresh');
    this.#receiver.clear();
    this.#sender.dropTransport();
    this.#device = null;
    this.#queue = [];
    this.#emit();
    try {
      await this.#setUp(await this.#admission.enter(null));
    } catch (error) {
      if (error instanceof Ended || this.#ended || isTransient(error)) return; // a new 'reconnected' tries again
      this.#finish('ended', toProblem(error));
    }
  }

  /** The room moved to another media worker: new transports, everything sent again, others consumed again. */
  async #resetMedia(routerRtpCapabilities: RtpCapabilitiesWire): Promise<void> {
    log('media reset');
    this.#queue = [];
    this.#receiver.closeTransport();
    this.#receiver.peers.dropAllMedia();
    this.#sender.dropTransport();
    this.#emit();
    try {
      await this.#openMedia(routerRtpCapabilities);
      this.#flushQueue();
      this.#emit();
      if (this.#role && roleSends(this.#role)) await this.#sender.publish();
    } catch (error) {
      if (error instanceof Ended || this.#ended) return;
      this.#finish('ended', toProblem(error));
    }
  }

  #clearGiveUp(): void {
    clearTimeout(this.#giveUpTimer);
    this.#giveUpTimer = undefined;
  }

  // ---- roles and quality ----------------------------------------------------

  /** On stage: open camera and microphone and send; back to the audience: stop sending. */
  async #applyRole(before: ParticipantRole | null, after: ParticipantRole): Promise<void> {
    const sent = before !== null && roleSends(before);
    if (!sent && roleSends(after)) {
      this.#inform('onStage');
      await this.#sender.goOnStage();
    } else if (sent && !roleSends(after)) {
      this.#sender.stopAll();
      this.#inform('toAudience');
    }
  }

  // ---- pushes -------------------------------------------------------------

  #wirePushes(): void {
    const on = <K extends PushName>(name: K, handle: (payload: PushPayload<K>) => void) =>
      this.#signaling.onPush(name, (payload) => {
        if (this.#ended) return;
        if (this.#queue) this.#queue.push(() => handle(payload));
        else handle(payload);
      });
    const peers = this.#receiver.peers;
    const change = (changed: boolean) => changed && this.#emit();
    on('peerJoined', ({ peer }) => peer.peerId !== this.#selfPeerId && this.#receiver.addPeer(peer));
    on('peerLeft', ({ peerId }) => change(peers.removePeer(peerId)));
    on('producerAdded', ({ producer }) => producer.peerId !== this.#selfPeerId && this.#receiver.addProducer(producer));
    on('producerClosed', ({ peerId, producerId }) => change(peers.removeProducer(peerId, producerId)));
    on('producerPaused', ({ peerId, producerId }) => change(peers.setPaused(peerId, producerId, true)));
    on('producerResumed', ({ peerId, producerId }) => change(peers.setPaused(peerId, producerId, false)));
    on('consumerClosed', ({ consumerId }) => change(peers.removeConsumer(consumerId)));
    const room = this.#roomControl;
    on('peerUpdated', ({ peer }) => (peer.peerId === this.#selfPeerId ? room.updateSelf(peer) : change(peers.updatePeer(peer))));
    on('activeSpeaker', ({ peerId }) => room.setActiveSpeaker(peerId));
    on('chatMessage', ({ message }) => room.addMessage(message));
    on('lobbyChanged', ({ waiting }) => room.setLobby(waiting));
    on('roomLockChanged', ({ locked }) => room.setLocked(locked));
    on('mutedByHost', ({ source }) => {
      this.#sender.mutedByHost(source);
      this.#inform(source === 'microphone' ? 'mutedMicrophone' : 'mutedCamera');
    });
    on('roleChanged', ({ role }) => {
      const before = this.#role;
      this.#role = role;
      this.#emit();
      void this.#applyRole(before, role);
    });
    on('mediaReset', ({ routerRtpCapabilities }) => void this.#resetMedia(routerRtpCapabilities));
    // These apply whatever state the join is in.
    this.#signaling.onPush('serverDraining', ({ deadline }) => {
      this.#drainingDeadline = deadline;
      this.#emit();
    });
    this.#signaling.onPush('knockAnswered', ({ knockId, admitted }) => {
      this.#admission.answered(knockId, admitted);
    });
    this.#signaling.onPush('roomClosed', ({ reason }) => {
      if (reason.code === ErrorCode.RemovedByHost) clearClaim(this.#roomId);
      this.#finish('ended', reason);
    });
    this.#signaling.onConnection((event) => this.#onConnection(event));
    this.#signaling.onDisconnect((error) => {
      if (this.#status === 'lobby') this.#finish('failed', toProblem(error));
      else if (this.#status === 'joined' || this.#status === 'reconnecting') this.#finish('ended', toProblem(error));
    });
  }

  #flushQueue(): void {
    const queued = this.#queue ?? [];
    this.#queue = null;
    for (const handle of queued) handle();
  }

  // ---- lifecycle and state ------------------------------------------------

  /** One request on behalf of the person; a failure becomes a notice and the answer null. */
  async #act<K extends RequestName>(name: K, payload: RequestPayload<K>, action: NoticeAction): Promise<ResponsePayload<K> | null> {
    if (this.#status !== 'joined') return null;
    try {
      return await this.#signaling.request(name, payload);
    } catch (error) {
      if (!this.#ended) this.#notify(action, error);
      return null;
    }
  }

  #assertActive(): void {
    if (this.#ended) throw new Ended();
  }

  /** The close cascade: transports (with producers and consumers), local tracks, socket. */
  #finish(status: 'left' | 'ended' | 'failed', reason: Problem | null, options: { keepSocket?: boolean } = {}): void {
    if (this.#ended) return;
    log('meeting %s: %o', status, reason);
    this.#status = status;
    this.#endReason = reason;
    this.#queue = null;
    this.#admission.cancel();
    this.#quality.stop();
    this.#clearGiveUp();
    this.#receiver.clear();
    this.#sender.finish();
    this.#device = null;
    if (!options.keepSocket) this.#signaling.close();
    this.#emit();
  }

  #notify(action: NoticeAction, error: unknown, subject?: string): void {
    const notice: Notice = { id: ++this.#noticeId, kind: 'problem', action, problem: toProblem(error), ...(subject ? { subject } : {}) };
    log('notice: %o', notice);
    this.#pushNotice(notice);
  }

  #inform(info: InfoCode): void {
    this.#pushNotice({ id: ++this.#noticeId, kind: 'info', info });
  }

  #pushNotice(notice: Notice): void {
    this.#notices = [...this.#notices, notice].slice(-MAX_NOTICES);
    this.#emit();
  }

  #emit(): void {
    this.#snapshot = this.#buildSnapshot();
    for (const listener of [...this.#listeners]) listener();
  }

  #buildSnapshot(): MeetingSnapshot {
    return buildSnapshot({
      roomId: this.#roomId,
      displayName: this.#displayName,
      status: this.#status,
      selfPeerId: this.#selfPeerId,
      role: this.#role,
      sender: this.#sender,
      peers: this.#receiver.peers,
      room: this.#roomControl.view,
      handRaised: this.#roomControl.handRaised,
      quality: this.#quality,
      drainingDeadline: this.#drainingDeadline,
      notices: this.#notices,
      endReason: this.#endReason,
    });
  }
}
