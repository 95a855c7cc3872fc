import type { types } from 'mediasoup';
import type { ParticipantRole } from '@ca/signaling';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { classifyMediasoupError } from './mediasoupErrors.js';

type RoomRoutersEvents = {
  /** The producer heard loudest lately (mediasoup's ActiveSpeakerObserver). */
  activeSpeaker: [producerId: string | null];
  /** The worker under one of the routers died (mediasoup closed that router). */
  workerDied: [];
};

/** How often the active speaker is re-evaluated, in ms. */
const SPEAKER_INTERVAL_MS = 300;

/**
 * The routers of one room. A meeting has one. A stage has several, made on the
 * least loaded workers: the home router carries the people who send, the others
 * carry viewers, and each producer is piped (`pipeToRouter`) to a viewer router the
 * first time someone there consumes it — so a talk with many viewers is not capped by
 * one worker's core. The home router also runs the active speaker observer.
 */
export class RoomRouters extends TypedEmitter<RoomRoutersEvents> {
  readonly home: types.Router;
  readonly #routers: types.Router[];
  readonly #observer: types.ActiveSpeakerObserver;
  /** Peers per router id, to spread viewers. */
  readonly #assigned = new Map<string, number>();
  /** "producerId→routerId" pipes made or under way. */
  readonly #pipes = new Map<string, Promise<void>>();
  #closed = false;

  private constructor(routers: types.Router[], observer: types.ActiveSpeakerObserver) {
    super();
    this.#routers = routers;
    this.home = routers[0] as types.Router;
    this.#observer = observer;
    observer.on('dominantspeaker', ({ producer }) => this.emit('activeSpeaker', producer.id));
    for (const router of routers) {
      this.#assigned.set(router.id, 0);
      router.once('workerclose', () => {
        if (!this.#closed) this.emit('workerDied');
      });
    }
  }

  /** Makes up to `count` routers on distinct workers (least loaded first) and the speaker observer. */
  static async create(createRouters: (count: number) => Promise<types.Router[]>, count: number): Promise<RoomRouters> {
    const routers = await createRouters(Math.max(1, count));
    try {
      const observer = await (routers[0] as types.Router).createActiveSpeakerObserver({ interval: SPEAKER_INTERVAL_MS });
      return new RoomRouters(routers, observer);
    } catch (error) {
      for (const router of routers) router.close();
      throw error;
    }
  }

  /**
   * Like `create`, for a rebuild after a worker died: when several workers were killed at once,
   * the worker a new router lands on may be dead already (its exit not yet seen), so routers
   * that come out closed, or a request the dead worker's channel aborted, are made again, until
   * all are alive or `deadlineMs` passes. Any other failure is thrown at once.
   */
  static async createLive(
    createRouters: (count: number) => Promise<types.Router[]>,
    count: number,
    deadlineMs = 15_000,
  ): Promise<{ routers: RoomRouters; attempts: number }> {
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const routers = await RoomRouters.create(createRouters, count);
        if (routers.alive) return { routers, attempts: attempt };
        routers.close();
      } catch (error) {
        if (classifyMediasoupError(error) !== 'closed' || Date.now() >= deadline) throw error;
      }
      if (Date.now() >= deadline) throw new Error('no live media worker in time');
      await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * attempt)));
    }
  }

  /** True while no router's worker has died. */
  get alive(): boolean {
    return this.#routers.every((router) => !router.closed);
  }

  get size(): number {
    return this.#routers.length;
  }

  /** Senders live on the home router; viewers on the least used other router. */
  routerFor(role: ParticipantRole): types.Router {
    if (role !== 'audience' || this.#routers.length === 1) return this.home;
    let best = this.#routers[1] as types.Router;
    for (const router of this.#routers.slice(2)) {
      if ((this.#assigned.get(router.id) ?? 0) < (this.#assigned.get(best.id) ?? 0)) best = router;
    }
    return best;
  }

  assign(peer: { router: types.Router }): void {
    const id = peer.router.id;
    if (this.#assigned.has(id)) this.#assigned.set(id, (this.#assigned.get(id) ?? 0) + 1);
  }

  unassign(peer: { router: types.Router }): void {
    const id = peer.router.id;
    const n = this.#assigned.get(id);
    if (n !== undefined) this.#assigned.set(id, Math.max(0, n - 1));
  }

  /** Makes a producer on `from` consumable on `to`, once. */
  async pipe(producerId: string, from: types.Router, to: types.Router): Promise<void> {
    if (from === to) return;
    const key = `${producerId}→${to.id}`;
    let pending = this.#pipes.get(key);
    if (!pending) {
      pending = from.pipeToRouter({ producerId, router: to }).then(() => undefined);
      this.#pipes.set(key, pending);
      pending.catch(() => this.#pipes.delete(key));
    }
    await pending;
  }

  /** Adds a microphone to the active speaker observer (piping it home first if it lives elsewhere). */
  observeSpeaker(producerId: string, router: types.Router): void {
    this.pipe(producerId, router, this.home)
      .then(() => this.#observer.addProducer({ producerId }))
      .catch(() => undefined); // the producer closed meanwhile, or the room is going away
  }

  /** A producer closed: its pipes close with it (mediasoup), so forget them. */
  forgetProducer(producerId: string): void {
    for (const key of [...this.#pipes.keys()]) if (key.startsWith(`${producerId}→`)) this.#pipes.delete(key);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const router of this.#routers) router.close();
    this.#pipes.clear();
  }
}
