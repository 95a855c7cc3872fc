import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Peer } from '../media/Peer.js';
import type { Room } from '../media/Room.js';
import { peerKey, roomKey, type TypedSocket } from './types.js';

/**
 * What one socket is doing: which room it joined as which peer. Lives as long as
 * the socket; a disconnect closes the peer (and everything it owned).
 */
export class Session {
  readonly socket: TypedSocket;
  #membership: { room: Room; peer: Peer } | undefined;

  constructor(socket: TypedSocket) {
    this.socket = socket;
  }

  get joined(): boolean {
    return this.#membership !== undefined;
  }

  /** The room and peer of this socket; throws NOT_JOINED before `join`. */
  membership(): { room: Room; peer: Peer } {
    if (!this.#membership) throw new AppError(ErrorCode.NotJoined, 'join a room first');
    return this.#membership;
  }

  /** Binds the socket to a peer: socket.io rooms, consumer pushes, cleanup when the peer closes. */
  attach(room: Room, peer: Peer): void {
    this.#membership = { room, peer };
    void this.socket.join([roomKey(room.id), peerKey(peer.id)]);
    peer.on('consumerClosed', (consumerId) => this.socket.emit('consumerClosed', { consumerId }));
    peer.once('close', () => {
      if (this.#membership?.peer !== peer) return;
      this.#membership = undefined;
      void this.socket.leave(roomKey(room.id));
      void this.socket.leave(peerKey(peer.id));
    });
  }

  /** Leaves the room, if in one. Idempotent. */
  leave(): void {
    this.#membership?.peer.close();
  }
}
