import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Peer } from '../media/Peer.js';
import type { Room } from '../media/Room.js';
import type { Answer } from '../meeting/Lobby.js';
import { groupKey, groupPrefix, hostsKey, peerKey, roomKey, type TypedSocket } from './types.js';

type Membership = { room: Room; peer: Peer; unbind: () => void };

/**
 * What one socket is doing: which room it joined as which peer, and which lobbies
 * it waits in. Lives as long as the socket. An explicit `leave` closes the peer; a
 * dropped socket only lets go of it (`release`) so the participant can resume on a
 * new connection within the grace period.
 */
export class Connection {
  readonly socket: TypedSocket;
  #membership: Membership | undefined;
  readonly #knocks = new Map<string, { room: Room; answer: Answer }>();
  /** When this socket's join was asked (performance.now()): the join-latency metrics. */
  joinStartedAt: number | undefined;
  /** The first media forwarded to this participant was counted (ca_join_latency_seconds). */
  firstMediaSeen = false;

  constructor(socket: TypedSocket) {
    this.socket = socket;
  }

  /** In a room as a participant. */
  get joined(): boolean {
    return this.#membership !== undefined;
  }

  /** The room and peer of this socket; throws NOT_JOINED before `join`. */
  membership(): { room: Room; peer: Peer } {
    if (!this.#membership) throw new AppError(ErrorCode.NotJoined, 'join a room first');
    return this.#membership;
  }

  /** Binds the socket to a peer: socket.io rooms, consumer pushes, cleanup when the peer closes. */
  attach(room: Room, peer: Peer, connections: Map<string, Connection>): void {
    const keys = [roomKey(room.id), peerKey(peer.id), ...(peer.role === 'host' ? [hostsKey(room.id)] : [])];
    void this.socket.join([...keys, groupKey(room.id, room.groupOf(peer.id))]);
    const onConsumerClosed = (consumerId: string) => this.socket.emit('consumerClosed', { consumerId });
    const onClose = () => {
      if (this.#membership?.peer === peer) this.#detach();
    };
    peer.on('consumerClosed', onConsumerClosed);
    peer.once('close', onClose);
    const unbind = () => {
      peer.off('consumerClosed', onConsumerClosed);
      peer.off('close', onClose);
      for (const key of keys) void this.socket.leave(key);
      // The breakout room it is in now (it may have moved since it joined).
      for (const key of [...this.socket.rooms]) if (key.startsWith(groupPrefix(room.id))) void this.socket.leave(key);
      if (connections.get(peer.id) === this) connections.delete(peer.id);
    };
    this.#membership = { room, peer, unbind };
    connections.set(peer.id, this);
  }

  /** Remembers a knock so a disconnect withdraws it. */
  addKnock(knockId: string, room: Room, answer: Answer): void {
    this.#knocks.set(knockId, { room, answer });
  }

  forgetKnock(knockId: string): void {
    this.#knocks.delete(knockId);
  }

  /** Leaves the room, if in one (explicit leave). Idempotent. */
  leave(): void {
    this.#membership?.peer.close();
  }

  /**
   * Lets go of the peer without closing it: another socket resumed it, or this
   * socket dropped and the participant may come back. Returns what was held.
   */
  release(): { room: Room; peer: Peer } | undefined {
    const held = this.#membership;
    this.#detach();
    return held;
  }

  /** The socket is gone: withdraw its knocks. */
  withdrawKnocks(): void {
    for (const [knockId, { room, answer }] of this.#knocks) room.cancelKnock(knockId, answer);
    this.#knocks.clear();
  }

  #detach(): void {
    this.#membership?.unbind();
    this.#membership = undefined;
  }
}
