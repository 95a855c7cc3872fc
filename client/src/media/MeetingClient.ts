import {
  ErrorCode,
  roleSends,
  type ParticipantRole,
  type PushName,
  type PushPayload,
  type RequestName,
  type RequestPayload,
  type ResponsePayload,
} from '@ca/signaling';
import { debug } from 'mediasoup-client';
import { SignalingClient } from '../api/signaling';
import { Admission, DeclinedError } from './Admission';
import type { MediaEngine } from './engine/MediaEngine';
import { MediasoupEngine } from './engine/MediasoupEngine';
import { clearClaim, loadClaim } from './claims';
import { Ended, type MeetingContext } from './meetingContext';
import type { InfoCode, LobbyLine, MeetingClientOptions, MeetingSnapshot, MeetingStatus, Notice, NoticeAction, VideoView } from './meetingTypes';
import { IceRestarter } from './IceRestarter';
import { Participation } from './Participation';
import { toProblem, type Problem } from './problems';
import { QualityMonitor } from './QualityMonitor';
import { Receiver } from './Receiver';
import { RoomControl } from './RoomControl';
import { Sender } from './Sender';
import { buildSnapshot } from './snapshot';

export type * from './meetingTypes';

const log = debug('ca:media:meeting');

/** Most notices kept; older ones drop off. */
const MAX_NOTICES = 4;

/**
 * One attempt at one meeting: the Socket.io signaling, our peer and its Device
 * (Participation: join set-up, resume after a dropped socket, media reset), the
 * sending half (Sender: local tracks, producers, send transport) and the
 * receiving half (Receiver: everyone else, consumers, recv transport). No React
 * here: the UI reads `getSnapshot()` through `useSyncExternalStore(client.subscribe,
 * client.getSnapshot)` and calls the action methods, which never reject (failures
 * become `notices`).
 *
 * Close cascade: leave / roomClosed / connection lost for good / failed join → close
 * both transports (mediasoup-client closes their producers and consumers) → stop
 * every local track → close the socket. A dropped socket is not the end: Socket.io
 * reconnects and the Participation `resume`s our peer (or joins afresh once the server
 * forgot it). Pushes that arrive while the join, a resume or a reset is being set up
 * are held by the Participation and replayed in order.
 */
export class MeetingClient {
  readonly #roomId: string;
  readonly #displayName: string;
  readonly #token: string | undefined;
  readonly #signaling: SignalingClient;
  readonly #listeners = new Set<() => void>();
  readonly #receiver: Receiver;
  readonly #sender: Sender;
  readonly #quality: QualityMonitor;
  readonly #roomControl: RoomControl;
  readonly #ice: IceRestarter;
  readonly #admission: Admission;
  readonly #participation: Participation;
  /** Loads the media engine of a LiveKit stage; undefined: our mediasoup. */
  readonly #loadEngine: (() => Promise<MediaEngine>) | undefined;
  /** Carries the media: our SFU, replaced by a LiveKit stage's engine once it is loaded. */
  #media: MediaEngine;
  #status: MeetingStatus = 'connecting';
  #drainingDeadline: string | null = null;
  #notices: Notice[] = [];
  #noticeId = 0;
  #endReason: Problem | null = null;
  #started = false;
  #snapshot: MeetingSnapshot;
  /** Our place in a booth's walk-in line while in the lobby. */
  #line: LobbyLine | null = null;

  constructor(options: MeetingClientOptions) {
    this.#roomId = options.roomId;
    this.#displayName = options.displayName.trim();
    this.#token = options.token;
    this.#loadEngine = options.engine;
    this.#signaling = new SignalingClient(options.signaling);
    this.#admission = new Admission({
      signaling: this.#signaling,
      roomId: this.#roomId,
      displayName: this.#displayName,
      token: this.#token,
      assertActive: () => this.#assertActive(),
      onLobby: (waiting) => {
        this.#status = waiting ? 'lobby' : 'connecting';
        if (!waiting) this.#line = null;
        this.#emit();
      },
    });
    const ctx: MeetingContext = {
      signaling: this.#signaling,
      device: () => this.#participation.device,
      iceServers: () => this.#participation.iceServers,
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
      // On another engine, the pre-join tracks are the engine's (MeetingPage hands them over).
      tracks: options.engine
        ? { camera: null, microphone: null }
        : { camera: options.tracks?.camera ?? null, microphone: options.tracks?.microphone ?? null },
      capture: options.capture,
    });
    this.#quality = new QualityMonitor({
      receiver: this.#receiver,
      sender: this.#sender,
      active: () => ctx.live(),
      onChange: () => this.#emit(),
      intervalMs: options.statsIntervalMs ?? 2_000,
      // Kept with the meeting's attendance; a lost report is not worth a notice.
      report: (report) => void this.#signaling.request('reportStats', report).catch(() => undefined),
    });
    this.#roomControl = new RoomControl({ act: (name, payload, action) => this.#act(name, payload, action), emit: () => this.#emit() });
    this.#media = new MediasoupEngine({
      sender: this.#sender,
      receiver: this.#receiver,
      quality: this.#quality,
      selfPeerId: () => this.#participation.peerId,
      activeSpeaker: () => this.#roomControl.view.activeSpeakerPeerId,
    });
    this.#participation = new Participation({
      ctx,
      host: {
        status: () => this.#status,
        setStatus: (status) => (this.#status = status),
        end: (reason) => this.#finish('ended', reason),
        applyRole: (before, after) => this.#applyRole(before, after),
      },
      roomId: this.#roomId,
      handlerFactory: options.handlerFactory,
      giveUpMs: options.reconnectGiveUpMs ?? 120_000,
      receiver: this.#receiver,
      sender: this.#sender,
      ice: this.#ice,
      admission: this.#admission,
      room: this.#roomControl,
      externalMedia: options.engine !== undefined,
    });
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
      if (this.#loadEngine) await this.#loadMedia(this.#loadEngine);
      await this.#media.connect();
      this.#assertActive();
      await this.#participation.setUp(joined);
      // Our SFU's Participation sends as part of the join; another engine is told here. An assigned
      // interpreter on a stage speaks through their channel only (InterpretationPanel starts it).
      if (this.#media.kind !== 'sfu') await this.#media.setSending(roleSends(joined.role) && this.#roomControl.view.interpretInto.length === 0);
    } catch (error) {
      if (error instanceof Ended || this.#ended) return;
      log('join failed: %o', error);
      if (error instanceof DeclinedError) clearClaim(this.#roomId);
      this.#finish('failed', toProblem(error));
    }
  }

  /** Mutes (pauses the producer) or unmutes; opens the microphone first if there is none. */
  setMicrophone(on: boolean): Promise<void> {
    return this.#media.setSource('microphone', on);
  }

  /** Turns the camera off (pauses the producer) or on; opens the camera first if there is none. */
  setCamera(on: boolean): Promise<void> {
    return this.#media.setSource('camera', on);
  }

  /** Starts sharing a screen, window or tab, or stops it. */
  setScreenShare(on: boolean): Promise<void> {
    return this.#media.setSource('screen', on);
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
    this.#media.setVideoView(producerId, view);
  }

  /** Listens to an interpretation channel (a language) with the floor lowered, or to the floor only (null). */
  setChannel(language: string | null): void {
    this.#media.setChannel(language);
    this.#emit();
  }

  /** Interprets into `language` (the microphone speaks into that channel, not the floor), or stops (null). */
  interpret(language: string | null): Promise<void> {
    return this.#media.interpret(language);
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

  // ---- roles ----------------------------------------------------------------

  /** On stage: open camera and microphone and send; back to the audience: stop sending. */
  async #applyRole(before: ParticipantRole | null, after: ParticipantRole): Promise<void> {
    const sent = before !== null && roleSends(before);
    // While breakout rooms are open a stage's audience speaks in them: the move itself was announced.
    const quiet = this.#roomControl.view.breakouts !== null;
    if (!sent && roleSends(after)) {
      if (!quiet) this.#inform('onStage');
      await this.#media.setSending(true);
    } else if (sent && !roleSends(after)) {
      await this.#media.setSending(false);
      if (!quiet) this.#inform('toAudience');
    }
  }

  /** A LiveKit stage: loads its engine (a separate chunk) in place of ours; its changes and its end are ours. */
  async #loadMedia(load: () => Promise<MediaEngine>): Promise<void> {
    const engine = await load();
    this.#assertActive();
    this.#media = engine;
    engine.onChange(() => this.#emit());
    engine.onEnded((reason) => {
      log('media engine ended: %s', reason);
      // A removal or a closed room also arrives on our socket with its reason: give it a moment to come first.
      setTimeout(() => this.#finish('ended', toProblem(new Error(reason))), 1_000);
    });
  }

  // ---- pushes -------------------------------------------------------------

  #wirePushes(): void {
    const on = <K extends PushName>(name: K, handle: (payload: PushPayload<K>) => void) =>
      this.#signaling.onPush(name, (payload) => {
        if (this.#ended) return;
        this.#participation.deliver(() => handle(payload));
      });
    const peers = this.#receiver.peers;
    const change = (changed: boolean) => changed && this.#emit();
    const self = () => this.#participation.peerId;
    on('peerJoined', ({ peer }) => peer.peerId !== self() && this.#receiver.addPeer(peer));
    on('peerLeft', ({ peerId }) => change(peers.removePeer(peerId)));
    on('producerAdded', ({ producer }) => producer.peerId !== self() && this.#receiver.addProducer(producer));
    on('producerClosed', ({ peerId, producerId }) => change(peers.removeProducer(peerId, producerId)));
    on('producerPaused', ({ peerId, producerId }) => change(peers.setPaused(peerId, producerId, true)));
    on('producerResumed', ({ peerId, producerId }) => change(peers.setPaused(peerId, producerId, false)));
    on('consumerClosed', ({ consumerId }) => change(peers.removeConsumer(consumerId)));
    const room = this.#roomControl;
    on('peerUpdated', ({ peer }) => (peer.peerId === self() ? room.updateSelf(peer) : change(peers.updatePeer(peer))));
    on('activeSpeaker', ({ peerId }) => room.setActiveSpeaker(peerId));
    on('chatMessage', ({ message }) => room.addMessage(message));
    on('lobbyChanged', ({ waiting }) => room.setLobby(waiting));
    on('roomLockChanged', ({ locked }) => room.setLocked(locked));
    on('overflowAudience', ({ count }) => room.setOverflowAudience(count));
    on('recordingChanged', ({ recording }) => room.recordingChanged(recording));
    on('breakoutsChanged', ({ breakouts }) => room.setBreakouts(breakouts));
    on('breakoutBroadcast', ({ message }) => room.setBroadcast(message));
    on('breakoutMoved', (moved) => {
      // Another room of the meeting: its people replace the old room's (their consumers close); our own media keeps going.
      this.#receiver.reconcile(moved.peers.filter((p) => p.peerId !== self()));
      this.#inform(moved.room === null ? 'breakoutReturned' : 'breakoutJoined');
      room.movedTo(moved.room, moved.chat, moved.activeSpeakerPeerId);
    });
    on('recordingConsentRequested', () => room.recordingConsentAsked());
    on('recordingConsentNoted', ({ recorded }) => room.recordingConsentNoted(recorded));
    on('mutedByHost', ({ source }) => {
      this.#media.mutedByHost(source);
      this.#inform(source === 'microphone' ? 'mutedMicrophone' : 'mutedCamera');
    });
    on('roleChanged', ({ role }) => this.#participation.changeRole(role));
    on('mediaReset', ({ routerRtpCapabilities }) => void this.#participation.resetMedia(routerRtpCapabilities));
    // These apply whatever state the join is in.
    this.#signaling.onPush('serverDraining', ({ deadline }) => {
      this.#drainingDeadline = deadline;
      this.#emit();
    });
    this.#signaling.onPush('knockAnswered', ({ knockId, admitted }) => {
      this.#admission.answered(knockId, admitted);
    });
    this.#signaling.onPush('lobbyPosition', ({ position, waiting, hosts, etaMinutes }) => {
      this.#line = { position, waiting, hosts, etaMinutes };
      this.#emit();
    });
    this.#signaling.onPush('roomClosed', ({ reason }) => {
      if (reason.code === ErrorCode.RemovedByHost) clearClaim(this.#roomId);
      this.#finish('ended', reason);
    });
    this.#signaling.onConnection((event) => this.#participation.onConnection(event));
    this.#signaling.onDisconnect((error) => {
      if (this.#status === 'lobby') this.#finish('failed', toProblem(error));
      else if (this.#status === 'joined' || this.#status === 'reconnecting') this.#finish('ended', toProblem(error));
    });
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
    this.#participation.close();
    this.#admission.cancel();
    this.#media.close();
    // Ours on every engine: the roster (a LiveKit stage's too) with any consumers, and the local tracks.
    this.#receiver.clear();
    this.#sender.finish();
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
      selfPeerId: this.#participation.peerId,
      role: this.#participation.role,
      peers: this.#receiver.peers,
      room: this.#roomControl.view,
      handRaised: this.#roomControl.handRaised,
      quality: this.#quality,
      drainingDeadline: this.#drainingDeadline,
      notices: this.#notices,
      endReason: this.#endReason,
      engine: this.#media,
      line: this.#line,
    });
  }
}
