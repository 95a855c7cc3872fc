import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import type { Logger } from '../logger.js';
import { roomKind } from '../meeting/roomKinds.js';
import { mediaCodecs } from './codecs.js';
import { Room } from './Room.js';
import type { TransportSettings } from './Peer.js';
import type { UpstreamFactory } from './Upstream.js';
import type { WorkerPool } from './WorkerPool.js';

export type RoomsOptions = {
  pool: WorkerPool;
  transportSettings: TransportSettings;
  maxPeersPerRoom: number;
  log: Logger;
  now: () => number;
  /** With a cluster: connects an overflow room to the node that holds its stage. */
  upstream?: UpstreamFactory | undefined;
};

type RoomsEvents = {
  /** A room came into being; the realtime layer wires its events to sockets. */
  roomCreated: [room: Room];
};

/**
 * The rooms this node hosts, by id. A room is created on first join (on the least
 * loaded worker) and closed when its last participant leaves.
 */
export class Rooms extends TypedEmitter<RoomsEvents> {
  readonly #rooms = new Map<string, Room>();
  readonly #creating = new Map<string, Promise<Room>>();
  readonly #options: RoomsOptions;
  #accepting = true;

  constructor(options: RoomsOptions) {
    super();
    this.#options = options;
  }

  get size(): number {
    return this.#rooms.size;
  }

  get(roomId: string): Room | undefined {
    return this.#rooms.get(roomId);
  }

  all(): Room[] {
    return [...this.#rooms.values()];
  }

  /** False once draining: no new rooms (and the realtime layer refuses new joins). */
  get accepting(): boolean {
    return this.#accepting;
  }

  /** Draining: existing rooms go on, no new ones are made. */
  stopAccepting(): void {
    this.#accepting = false;
  }

  /**
   * The room with this id, created if it does not exist. Concurrent callers share one creation.
   * `overflow`: a stage held by another node, relayed here for more viewers (cluster only).
   */
  async getOrCreate(roomId: string, where: 'here' | 'overflow' = 'here'): Promise<Room> {
    const existing = this.#rooms.get(roomId);
    if (existing && !existing.closed) return existing;
    const pending = this.#creating.get(roomId);
    if (pending) return pending;
    if (!this.#accepting) throw new AppError(ErrorCode.Unavailable, 'the server is shutting down');
    if (where === 'overflow' && !this.#options.upstream) throw new AppError(ErrorCode.Unavailable, 'this server relays no stages');
    const creation = this.#create(roomId, where === 'overflow' ? this.#options.upstream : undefined).finally(() => this.#creating.delete(roomId));
    this.#creating.set(roomId, creation);
    return creation;
  }

  /** Stops creating rooms and closes every room (server shutdown). */
  closeAll(reason: { code: ErrorCode; message: string }): void {
    this.#accepting = false;
    for (const room of [...this.#rooms.values()]) room.close(reason);
  }

  async #create(roomId: string, upstream: UpstreamFactory | undefined): Promise<Room> {
    const { pool } = this.#options;
    let room: Room;
    try {
      room = await Room.create({
        id: roomId,
        createRouters: (count) => pool.createRoutersOnDistinctWorkers({ mediaCodecs }, count),
        // A stage spreads its viewers over every worker; a meeting stays on one.
        routers: roomKind(roomId) === 'stage' ? pool.size : 1,
        transportSettings: this.#options.transportSettings,
        maxPeers: this.#options.maxPeersPerRoom,
        now: this.#options.now,
        upstream,
        log: this.#options.log,
      });
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.#options.log.error({ err, roomId }, 'could not create a router');
      throw new AppError(ErrorCode.Unavailable, 'no media server is available; try again shortly');
    }
    this.#rooms.set(roomId, room);
    room.once('close', (reason) => {
      if (this.#rooms.get(roomId) === room) this.#rooms.delete(roomId);
      this.#options.log.info({ roomId, reason: reason.code }, 'room closed');
    });
    room.on('empty', () => room.close({ code: ErrorCode.NotFound, message: 'the room is empty' }));
    this.#options.log.info({ roomId }, 'room created');
    this.emit('roomCreated', room);
    return room;
  }
}
