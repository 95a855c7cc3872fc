import type { types } from 'mediasoup';
import { ErrorCode, type ChatMessage, type ErrorBody, type PeerInfo, type ProducerInfo } from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import type { Logger } from '../logger.js';
import type { Upstream, UpstreamEvents, UpstreamSnapshot } from '../media/Upstream.js';
import { StageLink, type StageAddress } from './StageLink.js';

/** Most often the overflow node tells the stage how many watch here. */
const AUDIENCE_INTERVAL_MS = 1_000;

export type StageRelayOptions = StageAddress & {
  /** The overflow room's home router: the stage's producers arrive there. */
  home: types.Router;
  log: Logger;
};

const gone = (message: string): ErrorBody => ({ code: ErrorCode.Unavailable, message });

/**
 * The overflow node's view of a stage held by another node, for its overflow room: the
 * stage's participants and producers mirrored from its pushes, each producer received
 * once (on the first viewer's demand) down the pipe of a StageLink, chat and viewer
 * counts sent up. When the stage's media is rebuilt there (`mediaReset`), or this
 * room's own is (`rehome`), it attaches anew over a fresh link and tells the room which
 * producers went and came. If the stage ends or its node cannot be reached, it closes
 * (`close` with the reason) and the overflow room closes with it.
 */
export class StageRelay extends TypedEmitter<UpstreamEvents> implements Upstream {
  readonly #options: StageRelayOptions;
  readonly #log: Logger;
  #link: StageLink;
  readonly #peers = new Map<string, PeerInfo>();
  readonly #receiving = new Map<string, Promise<types.Producer>>();
  #locked = false;
  #activeSpeaker: string | null = null;
  readonly #chat: ChatMessage[];
  #overflowAudience = 0;
  readonly #removedUsers = new Set<string>();
  /** Viewers here now, and as last told to the stage. */
  #audience = 0;
  #reported = 0;
  #audienceTimer: NodeJS.Timeout | undefined;
  #relinking: Promise<void> | undefined;
  #closed = false;

  private constructor(options: StageRelayOptions, link: StageLink, log: Logger) {
    super();
    this.#options = options;
    this.#log = log;
    this.#link = link;
    this.#chat = link.joined.room.chat;
    this.#adopt(link, 'nothing');
  }

  /** Attaches to the stage on its node; UNAVAILABLE if that node does not take it. */
  static async connect(options: StageRelayOptions): Promise<StageRelay> {
    const log = options.log.child({ roomId: options.roomId, origin: options.origin.id });
    return new StageRelay(options, await StageLink.attach(options, options.home, log), log);
  }

  peers(): PeerInfo[] {
    return [...this.#peers.values()];
  }

  get overflowAudience(): number {
    return this.#overflowAudience;
  }

  snapshot(): UpstreamSnapshot {
    return {
      peers: [...this.#peers.values()],
      locked: this.#locked,
      activeSpeakerPeerId: this.#activeSpeaker,
      chat: [...this.#chat],
      overflowAudience: this.#overflowAudience,
      removedUsers: [...this.#removedUsers],
    };
  }

  async producer(producerId: string): Promise<{ producer: types.Producer; info: ProducerInfo } | undefined> {
    await this.#relinking;
    if (this.#closed || !this.#infoOf(producerId)) return undefined;
    const link = this.#link;
    let pending = this.#receiving.get(producerId);
    if (!pending) {
      const receiving = link.request('relayConsume', { producerId }).then((piped) => this.#settle(link, link.pipe.receive(piped)));
      pending = receiving;
      this.#receiving.set(producerId, receiving);
      receiving.catch(() => {
        if (this.#receiving.get(producerId) === receiving) this.#receiving.delete(producerId);
      });
    }
    const producer = await pending.catch((err: unknown) => {
      this.#log.debug({ err, producerId }, 'producer not received');
      return undefined;
    });
    // It may have closed (or the link changed) while it was on its way.
    const info = this.#infoOf(producerId);
    if (!producer || producer.closed || !info) return undefined;
    return { producer, info };
  }

  async sendChat(author: { peerId: string; displayName: string; userId: string | undefined }, text: string): Promise<ChatMessage> {
    await this.#relinking;
    if (this.#closed) throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; please rejoin");
    const { message } = await this.#link.request('relayChat', {
      peerId: author.peerId,
      displayName: author.displayName,
      ...(author.userId !== undefined && { userId: author.userId }),
      text,
    });
    return message;
  }

  /** At once for the first change, then at most once per AUDIENCE_INTERVAL_MS with the latest count. */
  reportAudience(count: number): void {
    this.#audience = count;
    if (!this.#audienceTimer) this.#flushAudience();
  }

  async reportRemoved(userId: string): Promise<void> {
    if (this.#closed) return;
    await this.#link
      .request('relayRemoved', { userId })
      .then(() => undefined)
      .catch((err: unknown) => this.#log.warn({ err }, 'a removal was not reported to the stage'));
  }

  /**
   * This room's media was rebuilt on a new router: attach anew, piping into it. The room
   * announces the producers itself, after its `mediaReset` (its viewers drop all media then).
   */
  async rehome(home: types.Router): Promise<void> {
    // A relink under way (the stage's own reset) may still be piping into the old router: one more after it.
    await this.#relinking;
    this.#options.home = home;
    await this.#relink('people');
    if (this.#closed) throw new AppError(ErrorCode.Unavailable, "the stage's server cannot be reached; please rejoin");
  }

  close(): void {
    this.#end(undefined);
  }

  // ---- internals ----------------------------------------------------------

  /**
   * Replaces the link: every producer received so far goes with the old one, a new link is
   * made, and the room hears what changed: `all` (the stage's media was rebuilt: its
   * producers went and new ones come) or only its `people` (see `rehome`).
   */
  #relink(announce: 'all' | 'people'): Promise<void> {
    this.#relinking ??= (async () => {
      // The old link stays attached (so the stage, perhaps watched only from here, does not close as empty) but silent.
      const old = this.#link;
      old.silence();
      this.#receiving.clear();
      for (const [peerId, peer] of this.#peers) {
        if (announce === 'all') for (const { producerId } of peer.producers) this.emit('producerClosed', { producerId, peerId });
        this.#peers.set(peerId, { ...peer, producers: [] });
      }
      try {
        const link = await StageLink.attach(this.#options, this.#options.home, this.#log);
        old.close();
        if (this.#closed) {
          link.close();
          return;
        }
        this.#link = link;
        this.#adopt(link, announce);
        // The stage counts the viewers of this link from 0: tell it again.
        clearTimeout(this.#audienceTimer);
        this.#audienceTimer = undefined;
        this.#reported = 0;
        this.#flushAudience();
      } catch {
        old.close();
        this.#end(gone("the stage's server cannot be reached; please rejoin"));
      }
    })().finally(() => (this.#relinking = undefined));
    return this.#relinking;
  }

  /** Takes the stage's state from a new link (announcing the differences, as asked) and mirrors its pushes. */
  #adopt(link: StageLink, announce: 'nothing' | 'people' | 'all'): void {
    const { peers, room } = link.joined;
    const fresh = new Map(peers.map((p) => [p.peerId, p]));
    for (const peerId of [...this.#peers.keys()]) {
      if (fresh.has(peerId)) continue;
      this.#peers.delete(peerId);
      if (announce) this.emit('peerLeft', peerId);
    }
    for (const peer of fresh.values()) {
      const known = this.#peers.has(peer.peerId);
      this.#peers.set(peer.peerId, peer);
      if (announce === 'nothing') continue;
      if (known) this.emit('peerUpdated', peer);
      else this.emit('peerJoined', { ...peer, producers: [] });
      if (announce === 'all') for (const producer of peer.producers) this.emit('producerAdded', producer);
    }
    this.#locked = room.locked;
    this.#activeSpeaker = room.activeSpeakerPeerId;
    this.#overflowAudience = room.overflowAudience ?? 0;
    for (const userId of link.joined.removedUsers) {
      if (this.#removedUsers.has(userId)) continue;
      this.#removedUsers.add(userId);
      if (announce !== 'nothing') this.emit('userRemoved', userId);
    }
    if (announce !== 'nothing') {
      this.emit('lockChanged', this.#locked);
      this.emit('activeSpeaker', this.#activeSpeaker);
      this.emit('overflowAudience', this.#overflowAudience);
    }
    this.#listen(link);
  }

  #flushAudience(): void {
    if (this.#closed || this.#audience === this.#reported) return;
    this.#reported = this.#audience;
    this.#link.request('relayAudience', { count: this.#audience }).catch((err: unknown) => this.#log.debug({ err }, 'audience count not delivered'));
    this.#audienceTimer = setTimeout(() => {
      this.#audienceTimer = undefined;
      this.#flushAudience();
    }, AUDIENCE_INTERVAL_MS);
  }

  #end(reason: ErrorBody | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#audienceTimer);
    this.#link.close();
    this.#receiving.clear();
    if (reason) {
      this.#log.info({ reason: reason.code }, 'stage relay ended');
      this.emit('close', reason);
    }
  }

  #infoOf(producerId: string): ProducerInfo | undefined {
    for (const peer of this.#peers.values()) {
      const found = peer.producers.find((p) => p.producerId === producerId);
      if (found) return found;
    }
    return undefined;
  }

  #setProducer(producerId: string, change: (list: ProducerInfo[]) => ProducerInfo[]): void {
    for (const [peerId, peer] of this.#peers) {
      if (peer.producers.some((p) => p.producerId === producerId)) this.#peers.set(peerId, { ...peer, producers: change(peer.producers) });
    }
  }

  /** Mirrors the stage's pushes and passes them on to the overflow room. */
  #listen(link: StageLink): void {
    link.on('peerJoined', ({ peer }) => {
      this.#peers.set(peer.peerId, peer);
      this.emit('peerJoined', peer);
    });
    link.on('peerLeft', ({ peerId }) => {
      if (this.#peers.delete(peerId)) this.emit('peerLeft', peerId);
    });
    link.on('peerUpdated', ({ peer }) => {
      this.#peers.set(peer.peerId, peer);
      this.emit('peerUpdated', peer);
    });
    link.on('producerAdded', ({ producer }) => {
      const peer = this.#peers.get(producer.peerId);
      if (peer)
        this.#peers.set(peer.peerId, { ...peer, producers: [...peer.producers.filter((p) => p.producerId !== producer.producerId), producer] });
      this.emit('producerAdded', producer);
    });
    link.on('producerClosed', (ref) => {
      this.#setProducer(ref.producerId, (list) => list.filter((p) => p.producerId !== ref.producerId));
      link.pipe.received(ref.producerId)?.close();
      this.#receiving.delete(ref.producerId);
      this.emit('producerClosed', ref);
    });
    const pausing = (paused: boolean) => (ref: { producerId: string; peerId: string }) => {
      this.#setProducer(ref.producerId, (list) => list.map((p) => (p.producerId === ref.producerId ? { ...p, paused } : p)));
      const producer = link.pipe.received(ref.producerId);
      void (paused ? producer?.pause() : producer?.resume())?.catch(() => undefined);
      this.emit(paused ? 'producerPaused' : 'producerResumed', ref);
    };
    link.on('producerPaused', pausing(true));
    link.on('producerResumed', pausing(false));
    link.on('activeSpeaker', ({ peerId }) => {
      this.#activeSpeaker = peerId;
      this.emit('activeSpeaker', peerId);
    });
    link.on('chatMessage', ({ message }) => this.emit('chatMessage', message));
    link.on('roomLockChanged', ({ locked }) => {
      this.#locked = locked;
      this.emit('lockChanged', locked);
    });
    link.on('overflowAudience', ({ count }) => {
      this.#overflowAudience = count;
      this.emit('overflowAudience', count);
    });
    link.on('relayRemovePeer', ({ peerId }) => this.emit('removePeer', peerId));
    link.on('relayUserRemoved', ({ userId }) => {
      this.#removedUsers.add(userId);
      this.emit('userRemoved', userId);
    });
    // The stage's media was rebuilt on a new router there: the old pipe went with the old one.
    link.on('mediaReset', () => void this.#relink('all'));
    link.on('roomClosed', ({ reason }) => this.#end(reason));
    link.onDisconnect(() => this.#end(gone("the connection to the stage's server was lost; please rejoin")));
    link.start();
  }

  /**
   * A producer just received down the pipe: pushes about it that came while it was on its
   * way (closed, paused, resumed) could not reach it, so bring it in line with the stage now.
   */
  async #settle(link: StageLink, receiving: Promise<types.Producer>): Promise<types.Producer> {
    const producer = await receiving;
    const info = this.#link === link ? this.#infoOf(producer.id) : undefined;
    if (!info) producer.close();
    else if (info.paused !== producer.paused) await (info.paused ? producer.pause() : producer.resume());
    return producer;
  }
}
