import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { types } from 'mediasoup';
import {
  ErrorCode,
  type BreakoutBroadcast,
  type BreakoutState,
  type ChatMessage,
  type ErrorBody,
  type HostMuteSource,
  type PeerInfo,
  type ProducerInfo,
  type RoomState,
} from '@ca/signaling';
import { AppError } from '../errors.js';
import { Timers } from '../lib/Timers.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import type { Logger } from '../logger.js';
import type { Answer } from '../meeting/Lobby.js';
import { RoomPolicy } from '../meeting/RoomPolicy.js';
import { roomKind } from '../meeting/roomKinds.js';
import { pipeListenOf } from './NodePipe.js';
import type { ParticipantEvents, ProducerRef } from './participantEvents.js';
import { Peer, type Identity, type TransportSettings } from './Peer.js';
import { RelayPipes } from './RelayPipes.js';
import { RoomBreakouts } from './RoomBreakouts.js';
import { MAIN_ROOM } from '../meeting/Breakouts.js';
import { RoomRouters } from './RoomRouters.js';
import { OverflowMirror, type MirrorTarget } from './OverflowMirror.js';
import { OwnRoom, type RoomSource } from './roomSource.js';
import type { Upstream, UpstreamFactory } from './Upstream.js';

export type RoomOptions = {
  id: string;
  /** Makes up to `count` routers on distinct workers, least loaded first (the pool's). */
  createRouters: (count: number) => Promise<types.Router[]>;
  transportSettings: TransportSettings;
  /** Most participants at once; a further join gets ROOM_FULL. */
  maxPeers: number;
  /** Routers to spread the room over (a stage: one per worker); 1 for a meeting. */
  routers: number;
  now: () => number;
  /** Makes this an overflow room of a stage held by another node (its participants and media come from there). */
  upstream?: UpstreamFactory | undefined;
  /** Where the room tells how a rebuild after a worker's death went (timing, attempts). Default: nowhere. */
  log?: Logger | undefined;
};

type RoomEvents = ParticipantEvents & {
  /** An overflow room: a host of the stage removed a user; these peers of theirs here must go (told first). */
  peersRemoved: [peers: Peer[]];
  /** The media server was replaced; everyone re-creates transports on the new router. */
  mediaReset: [routerRtpCapabilities: types.RtpCapabilities];
  /** Nobody is in the room or waiting to get in. */
  empty: [];
  /** A participant moved between the main room (0) and breakout rooms; their role changed with it when `roleChanged`. */
  peerMoved: [peer: Peer, from: number, to: number, roleChanged: boolean];
  /** Breakout rooms opened, someone moved, or they closed (null). */
  breakoutsChanged: [state: BreakoutState | null];
  /** A message in a breakout room's chat (the main room's comes from the policy). */
  breakoutChat: [room: number, message: ChatMessage];
  /** A host's message to every room. */
  breakoutBroadcast: [message: BreakoutBroadcast];
  /** The room closed; `reason` says why (shutdown, worker died, empty). */
  close: [reason: ErrorBody];
};

/**
 * A meeting room: its routers (one for a meeting; several across workers for a
 * stage) and the participants. What the hosts decide apart from media (lobby, lock,
 * removals, chat) is its `policy` (meeting/RoomPolicy), which it asks at the door.
 * Created by `Rooms.getOrCreate()`. If a router's worker dies the room rebuilds its
 * media on a live worker and emits `mediaReset`; participants stay. Closing the room
 * closes every peer (and so every transport, producer and consumer) and the routers.
 */
export class Room extends TypedEmitter<RoomEvents> {
  readonly id: string;
  readonly #options: RoomOptions;
  readonly #peers = new Map<string, Peer>();
  /** Lobby, lock, removals and chat: what the hosts decide, apart from media. */
  readonly policy: RoomPolicy;
  /** Participants whose connection dropped: their place is let go when the timer fires. */
  readonly #resumeHolds = new Timers();
  #routers: RoomRouters;
  /** Its own, or (an overflow room) the stage on another node that it mirrors. */
  readonly #source: RoomSource;
  /** Stage: its side of its overflow nodes (a pipe each), closed with the room. */
  readonly relays: RelayPipes;
  /** Requests between opening the room and adding their peer or knock; the room is not idle while any runs. */
  #entering = 0;
  #activeSpeaker: string | null = null;
  /** Breakout rooms: who receives whom follows them (one group per room; 0 the main room). */
  readonly breakouts: RoomBreakouts;
  #rebuilding: Promise<void> | undefined;
  #closed = false;

  private constructor(options: RoomOptions, routers: RoomRouters, upstream: Upstream | undefined) {
    super();
    this.id = options.id;
    this.#options = options;
    this.#routers = routers;
    this.policy = new RoomPolicy({ now: options.now, maxWaiting: options.maxPeers, kind: roomKind(options.id) });
    this.#watch(routers);
    this.relays = new RelayPipes({
      home: () => this.#routers.home,
      listen: pipeListenOf(options.transportSettings),
      onHome: (producerId) => this.#producerOn(producerId, this.#routers.home),
      assertOpen: () => this.#assertOpen(),
      detached: () => this.#checkEmpty(),
    });
    this.relays.on('audience', (total) => {
      if (!this.#closed) this.emit('overflowAudience', total);
    });
    this.breakouts = new RoomBreakouts({
      peers: () => this.#peers.values(),
      peer: (peerId) => this.#peerOrThrow(peerId),
      stage: roomKind(options.id) === 'stage',
      // A countdown runs in real time (the timer is a real timer), whatever the platform's clock says.
      now: () => Date.now(),
      moved: (peer, from, to, roleChanged) => this.emit('peerMoved', peer, from, to, roleChanged),
      changed: (state) => this.emit('breakoutsChanged', state),
    });
    this.#source = upstream ? new OverflowMirror(upstream, this.#mirrorTarget()) : new OwnRoom(this.policy, this.relays);
  }

  static async create(options: RoomOptions): Promise<Room> {
    const routers = await RoomRouters.create(options.createRouters, options.routers);
    if (!options.upstream) return new Room(options, routers, undefined);
    try {
      return new Room(options, routers, await options.upstream(options.id, routers.home));
    } catch (error) {
      routers.close();
      throw error;
    }
  }

  /** An overflow room: watching a stage held by another node. */
  get overflow(): boolean {
    return this.#source.overflow;
  }

  /** Stage: how many watch from overflow nodes (an overflow room: as its stage last said). */
  get overflowAudience(): number {
    return this.#source.overflowAudience();
  }

  /** Most participants at once (a further join gets ROOM_FULL). */
  get maxPeers(): number {
    return this.#options.maxPeers;
  }

  /** At `maxPeers`: a further join gets ROOM_FULL. */
  get full(): boolean {
    return this.#peers.size >= this.#options.maxPeers;
  }

  /** Participants watching (stage audience), for the overflow decision. */
  get audienceCount(): number {
    let n = 0;
    for (const peer of this.#peers.values()) if (peer.role === 'audience') n++;
    return n;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** The router new participants' capabilities come from (all routers share the codecs). */
  get rtpCapabilities(): types.RtpCapabilities {
    return this.#routers.home.rtpCapabilities;
  }

  /** How many routers the room spreads over (one per worker for a stage, else one). */
  get routerCount(): number {
    return this.#routers.size;
  }

  getPeer(peerId: string): Peer | undefined {
    return this.#peers.get(peerId);
  }

  /**
   * Everyone in the room (in an overflow room: the stage's participants, then those watching here);
   * with `group`, only those in that breakout room (0: the main room).
   */
  peerInfos(group?: number): PeerInfo[] {
    const here = [...this.#peers.values()].filter((p) => group === undefined || this.breakouts.groupOf(p.id) === group);
    const remote = group === undefined || group === MAIN_ROOM ? this.#source.peers() : [];
    return [...remote, ...here.map((p) => p.info())];
  }

  /** Which room a participant is in: 0 the main room, 1… a breakout room. */
  groupOf(peerId: string): number {
    return this.breakouts.groupOf(peerId);
  }

  /** What someone moved into `group` sees there: its chat and who speaks. */
  groupView(group: number): { chat: ChatMessage[]; activeSpeakerPeerId: string | null } {
    const speaker = this.#activeSpeaker !== null && this.groupOf(this.#activeSpeaker) === group ? this.#activeSpeaker : null;
    return { chat: group === MAIN_ROOM ? this.policy.chatHistory() : this.breakouts.chatHistory(group), activeSpeakerPeerId: speaker };
  }

  /** What a participant (or an overflow node's relay, as audience) sees on joining; the lobby only for hosts. */
  stateFor(peer: Pick<Peer, 'role'> & { id?: string; interprets?: readonly string[] }): RoomState {
    const overflowAudience = this.overflowAudience;
    const group = peer.id === undefined ? MAIN_ROOM : this.groupOf(peer.id);
    const breakouts = this.breakouts.state();
    return {
      locked: this.policy.locked,
      ...this.groupView(group),
      ...(breakouts && { breakouts }),
      ...(group !== MAIN_ROOM && { breakout: group }),
      ...(peer.interprets?.length && { interpretInto: [...peer.interprets] }),
      lobby: peer.role === 'host' ? this.policy.waiting() : [],
      ...(this.#source.overflow && { overflow: true }),
      ...(overflowAudience > 0 && { overflowAudience }),
    };
  }

  /**
   * Refuses people a host removed, and everyone but hosts while the room is locked
   * (someone `returning` — replacing their own peer after a reload — was already in).
   */
  assertMayEnter(identity: Pick<Identity, 'role' | 'userId'>, options: { returning?: boolean } = {}): void {
    this.#assertOpen();
    this.policy.assertMayEnter(identity, options);
  }

  /** `assertMayEnter`, and a booth's guests must have been let in from the lobby (RoomPolicy.assertMayJoin). */
  assertMayJoin(identity: Pick<Identity, 'role' | 'userId'>, options: { returning?: boolean } = {}): void {
    this.#assertOpen();
    this.policy.assertMayJoin(identity, options);
  }

  /**
   * Marks a join or knock under way (between opening the room and adding the peer or
   * knock), so the room does not close as idle meanwhile. The returned function ends it;
   * a room left with nobody in it and nobody waiting then closes.
   */
  enter(): () => void {
    this.#entering += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#entering -= 1;
      this.#checkEmpty();
    };
  }

  /** Adds a participant; throws ROOM_FULL past `maxPeers`, UNAVAILABLE once closed. */
  addPeer(identity: Identity): Peer {
    this.#assertOpen();
    if (this.#peers.size >= this.#options.maxPeers) {
      throw new AppError(ErrorCode.RoomFull, `this room is full (${this.#options.maxPeers} participants)`);
    }
    const id = randomUUID();
    const peer = new Peer({
      ...identity,
      id,
      router: this.#routers.routerFor(identity.role),
      transportSettings: this.#options.transportSettings,
      // Only media of people in the same room (main or breakout) may be consumed.
      findProducer: (producerId, router) => this.#producerOn(producerId, router, id),
      mayReceive: (peerId) => this.groupOf(peerId) === this.groupOf(id),
    });
    this.#peers.set(peer.id, peer);
    this.breakouts.placeNew(peer);
    this.#routers.assign(peer);
    const ref = (producerId: string): ProducerRef => ({ producerId, peerId: peer.id });
    peer.on('producerAdded', (info) => {
      if (info.source === 'microphone') this.#routers.observeSpeaker(info.producerId, peer.router);
      this.emit('producerAdded', info);
    });
    peer.on('producerClosed', (id) => {
      this.#routers.forgetProducer(id);
      this.emit('producerClosed', ref(id));
    });
    peer.on('producerPaused', (id) => this.emit('producerPaused', ref(id)));
    peer.on('producerResumed', (id) => this.emit('producerResumed', ref(id)));
    peer.once('close', () => this.#onPeerClosed(peer));
    this.#source.reportAudience(this.#peers.size);
    this.emit('peerJoined', peer.info());
    return peer;
  }

  /** Finds a participant's own peer by its resume key (reconnect, reload); undefined if gone or the key is wrong. */
  claim(peerId: string, resumeKey: string): Peer | undefined {
    const peer = this.#peers.get(peerId);
    if (!peer || peer.closed) return undefined;
    const given = Buffer.from(resumeKey);
    const expected = Buffer.from(peer.resumeKey);
    return given.length === expected.length && timingSafeEqual(given, expected) ? peer : undefined;
  }

  /** The participant's connection dropped: keep the place for `graceMs`, then let them go. */
  holdForResume(peer: Peer, graceMs: number): void {
    if (peer.closed || this.#peers.get(peer.id) !== peer) return;
    if (graceMs <= 0) {
      peer.close();
      return;
    }
    this.#resumeHolds.set(peer.id, graceMs, () => peer.close());
    if (peer.setAway(true)) this.emit('peerUpdated', peer.info());
  }

  /** The participant is back on a new connection. */
  resumed(peer: Peer): void {
    this.#resumeHolds.clear(peer.id);
    if (peer.setAway(false)) this.emit('peerUpdated', peer.info());
  }

  setHandRaised(peer: Peer, raised: boolean): void {
    this.#source.assertMayRaiseHand();
    if (peer.raiseHand(raised)) this.emit('peerUpdated', peer.info());
  }

  /** Posts to the chat (an overflow room posts to the stage's, which announces it back here). */
  async sendChat(peer: Peer, text: string): Promise<ChatMessage> {
    const group = this.groupOf(peer.id);
    if (group !== MAIN_ROOM) {
      const message = this.breakouts.addChat(group, { peerId: peer.id, displayName: peer.displayName }, text, this.#options.now());
      this.emit('breakoutChat', group, message);
      return message;
    }
    return this.#source.sendChat({ peerId: peer.id, displayName: peer.displayName, userId: peer.userId }, text);
  }

  // ---- host controls (the caller checked the host role) -------------------

  /** Opens breakout rooms (see RoomBreakouts). CONFLICT in an overflow room (its hosts are on the stage's node). */
  openBreakouts(count: number, split: 'auto' | 'manual', minutes: number | undefined): void {
    this.#assertOpen();
    if (this.#source.overflow) throw new AppError(ErrorCode.Conflict, 'breakout rooms are opened on the stage itself');
    this.breakouts.open(count, split, minutes);
  }

  /** A host's message to every room, main and breakout. CONFLICT when no breakout rooms are open. */
  broadcastToBreakouts(host: Peer, text: string): void {
    if (!this.breakouts.isOpen) throw new AppError(ErrorCode.Conflict, 'no breakout rooms are open');
    this.emit('breakoutBroadcast', { text, displayName: host.displayName, sentAt: new Date(this.#options.now()).toISOString() });
  }

  /** A guest asks to come in. `answer` tells them when a host decides. */
  knock(guest: Identity & { userId: string }, answer: Answer): string {
    this.#assertOpen();
    return this.policy.knock(guest, answer);
  }

  cancelKnock(knockId: string, answer?: Answer): void {
    this.policy.cancelKnock(knockId, answer);
    this.#checkEmpty();
  }

  decline(knockId: string): void {
    this.policy.decline(knockId);
    this.#checkEmpty();
  }

  /** Pauses a participant's microphone or camera; false if it was not running. */
  async mute(peerId: string, source: HostMuteSource): Promise<boolean> {
    return this.#peerOrThrow(peerId).pauseSource(source);
  }

  /**
   * Removes a participant for the rest of this meeting: every peer of theirs (another
   * device, another tab) and any knock of theirs. Returns the peers to close.
   */
  remove(peerId: string): Peer[] {
    const peer = this.#peerOrThrow(peerId);
    this.policy.assertMayRemove(peer);
    const userId = peer.userId;
    // Demo rooms have no accounts: there the removal ends this visit only.
    if (userId === undefined) return [peer];
    this.policy.removeUser(userId);
    return [...this.#peers.values()].filter((p) => p.userId === userId);
  }

  /** Stage: brings an audience member on stage or back (the policy says who may be); true if their role changed. */
  setOnStage(peerId: string, onStage: boolean): boolean {
    const peer = this.#peerOrThrow(peerId);
    if (!peer.changeRole(this.policy.stageRole(peer.role, onStage))) return false;
    this.emit('peerUpdated', peer.info());
    return true;
  }

  /**
   * Closes the room and everything in it. Idempotent. 'close' is emitted first, while
   * the participants are still attached, so they can be told why.
   */
  close(reason: ErrorBody = { code: ErrorCode.Unavailable, message: 'the room closed' }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.emit('close', reason);
    this.#resumeHolds.clear();
    this.breakouts.dispose();
    this.policy.declineAll();
    for (const peer of [...this.#peers.values()]) peer.close();
    this.#peers.clear();
    this.relays.closeAll();
    this.#source.close();
    this.#routers.close();
  }

  // ---- internals ----------------------------------------------------------

  #assertOpen(): void {
    if (this.#closed) throw new AppError(ErrorCode.Unavailable, 'this room has closed; please rejoin');
  }

  #peerOrThrow(peerId: string): Peer {
    const peer = this.#peers.get(peerId);
    if (!peer) throw new AppError(ErrorCode.NotFound, 'no such participant in this room');
    return peer;
  }

  #watch(routers: RoomRouters): void {
    routers.on('activeSpeaker', (producerId) => {
      const peerId = producerId === null ? null : (this.#ownerOf(producerId)?.id ?? null);
      if (peerId === this.#activeSpeaker) return;
      this.#activeSpeaker = peerId;
      this.emit('activeSpeaker', peerId);
    });
    routers.once('workerDied', () => void this.#rebuild());
  }

  /** What an overflow room's mirror may do here. */
  #mirrorTarget(): MirrorTarget {
    return {
      policy: this.policy,
      // ParticipantEvents is a part of RoomEvents: each announced event is one of the room's own.
      announce: (event, ...args) => this.emit(event, ...(args as RoomEvents[typeof event])),
      forgetProducer: (producerId) => this.#routers.forgetProducer(producerId),
      setActiveSpeaker: (peerId) => (this.#activeSpeaker = peerId),
      localPeer: (peerId) => this.#peers.get(peerId),
      peersOf: (userId) => [...this.#peers.values()].filter((p) => p.userId === userId),
      removePeers: (peers) => this.emit('peersRemoved', peers),
      close: (reason) => this.close(reason),
    };
  }

  /** A worker under one of the routers died: new routers, every participant re-creates their media. */
  #rebuild(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#rebuilding ??= (async () => {
      const startedAt = Date.now();
      this.#routers.close();
      // mediasoup closes a dead worker's routers just before it reports the death to the pool.
      await new Promise((resolve) => setImmediate(resolve));
      let routers: RoomRouters;
      try {
        const made = await RoomRouters.createLive(this.#options.createRouters, this.#options.routers);
        routers = made.routers;
        this.#options.log?.info({ roomId: this.id, ms: Date.now() - startedAt, attempts: made.attempts }, 'room media rebuilt');
      } catch (err) {
        this.#options.log?.warn({ err, roomId: this.id, ms: Date.now() - startedAt }, 'room media could not be rebuilt');
        this.close({ code: ErrorCode.Unavailable, message: 'the media server restarted; please rejoin' });
        return;
      }
      if (this.#closed) {
        routers.close();
        return;
      }
      // An overflow room's media comes down a pipe into the dead router: pipe it into the new one.
      const reattached = await this.#source.rehome(routers.home).then(
        () => true,
        () => false,
      );
      if (reattached === false || this.#closed) {
        routers.close();
        this.close({ code: ErrorCode.Unavailable, message: 'the media server restarted; please rejoin' });
        return;
      }
      this.#routers = routers;
      this.#watch(routers);
      if (!this.#source.speakerFromElsewhere) this.#activeSpeaker = null;
      for (const peer of this.#peers.values()) {
        peer.resetMedia(routers.routerFor(peer.role));
        routers.assign(peer);
      }
      this.emit('mediaReset', routers.home.rtpCapabilities);
      // Everyone dropped their media with the reset: the stage's producers (same ids, now piped here anew) are there to consume.
      for (const peer of this.#source.peers()) for (const producer of peer.producers) this.emit('producerAdded', producer);
    })().finally(() => {
      this.#rebuilding = undefined;
      // The new routers' worker died before they were watched (several workers killed at once): again.
      if (!this.#closed && !this.#routers.alive) void this.#rebuild();
    });
    return this.#rebuilding;
  }

  #ownerOf(producerId: string): Peer | undefined {
    for (const peer of this.#peers.values()) if (peer.getProducer(producerId)) return peer;
    return undefined;
  }

  /** Finds a producer and makes it consumable on `router` (pipes it over from its own router once). */
  async #producerOn(
    producerId: string,
    router: types.Router,
    consumerPeerId?: string,
  ): Promise<{ producer: types.Producer; info: ProducerInfo } | undefined> {
    const owner = this.#ownerOf(producerId);
    const found = owner?.getProducer(producerId);
    const group = consumerPeerId === undefined ? MAIN_ROOM : this.groupOf(consumerPeerId);
    if (owner && found) {
      if (this.groupOf(owner.id) !== group) return undefined;
      await this.#routers.pipe(producerId, owner.router, router);
      return found;
    }
    // Overflow room: the stage's producer arrives on the home router, and is piped on from there.
    if (group !== MAIN_ROOM) return undefined;
    const remote = await this.#source.producer(producerId);
    if (!remote) return undefined;
    await this.#routers.pipe(producerId, this.#routers.home, router);
    return remote;
  }

  #onPeerClosed(peer: Peer): void {
    this.#resumeHolds.clear(peer.id);
    if (!this.#peers.delete(peer.id) || this.#closed) return;
    this.#routers.unassign(peer);
    this.#source.reportAudience(this.#peers.size);
    if (this.#activeSpeaker === peer.id) {
      this.#activeSpeaker = null;
      this.emit('activeSpeaker', null);
    }
    this.emit('peerLeft', peer.id);
    this.breakouts.left(peer.id);
    this.#checkEmpty();
  }

  #checkEmpty(): void {
    // A stage stays while anyone watches it from an overflow node.
    const idle = this.#peers.size === 0 && this.policy.waitingCount === 0 && this.#entering === 0 && this.relays.size === 0;
    if (idle && !this.#closed) this.emit('empty');
  }
}
