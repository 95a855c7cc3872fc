import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { MAIN_ROOM } from '../../meeting/Breakouts.js';
import type { NodePipe } from '../../media/NodePipe.js';
import type { Room } from '../../media/Room.js';
import type { RelaySocket } from './types.js';

type Attachment = { room: Room; pipe: NodePipe; unbind: () => void };

/**
 * One overflow node's connection to a stage held here: after `relayJoin` it is bound to the
 * stage's room and its pipe, and mirrors to the overflow node what the stage's browsers are
 * told (the same pushes), plus the removals only relays hear. Lives as long as the socket.
 */
export class RelayConnection {
  readonly socket: RelaySocket;
  #attachment: Attachment | undefined;

  constructor(socket: RelaySocket) {
    this.socket = socket;
  }

  get attached(): boolean {
    return this.#attachment !== undefined;
  }

  /** The stage and pipe of an attached relay; FORBIDDEN before `relayJoin`. */
  relay(): { room: Room; pipe: NodePipe } {
    if (!this.#attachment) throw new AppError(ErrorCode.Forbidden, 'only an overflow node of this cluster can do that');
    return this.#attachment;
  }

  /**
   * Binds the socket to a stage: it gets the room's pushes (`roomClosed` among them: a stage
   * does not close as empty while a relay is attached) until the room or the socket closes.
   */
  attach(room: Room, pipe: NodePipe): void {
    const socket = this.socket;
    const { policy, relays } = room;
    const main = (peerId: string) => room.groupOf(peerId) === MAIN_ROOM;
    const undo = [
      // Overflow nodes show the main room: breakout rooms stay on the stage's node.
      room.subscribe('peerJoined', (peer) => main(peer.peerId) && socket.emit('peerJoined', { peer })),
      room.subscribe('peerLeft', (peerId) => main(peerId) && socket.emit('peerLeft', { peerId })),
      room.subscribe('peerUpdated', (peer) => main(peer.peerId) && socket.emit('peerUpdated', { peer })),
      room.subscribe('producerAdded', (producer) => main(producer.peerId) && socket.emit('producerAdded', { producer })),
      room.subscribe('producerClosed', (ref) => main(ref.peerId) && socket.emit('producerClosed', ref)),
      room.subscribe('producerPaused', (ref) => main(ref.peerId) && socket.emit('producerPaused', ref)),
      room.subscribe('producerResumed', (ref) => main(ref.peerId) && socket.emit('producerResumed', ref)),
      room.subscribe('activeSpeaker', (peerId) => (peerId === null || main(peerId)) && socket.emit('activeSpeaker', { peerId })),
      room.subscribe('peerMoved', (peer, from, to) => {
        if (from === MAIN_ROOM) socket.emit('peerLeft', { peerId: peer.id });
        if (to === MAIN_ROOM) socket.emit('peerJoined', { peer: peer.info() });
      }),
      room.subscribe('overflowAudience', (count) => socket.emit('overflowAudience', { count })),
      room.subscribe('mediaReset', (caps) => socket.emit('mediaReset', { routerRtpCapabilities: caps as RtpCapabilitiesWire })),
      policy.subscribe('chatMessage', (message) => socket.emit('chatMessage', { message })),
      policy.subscribe('lockChanged', (locked) => socket.emit('roomLockChanged', { locked })),
      policy.subscribe('userRemoved', (userId) => socket.emit('relayUserRemoved', { userId })),
      relays.subscribe('removalForwarded', (peerId) => socket.emit('relayRemovePeer', { peerId })),
      room.subscribe('close', (reason) => {
        if (reason.code !== ErrorCode.NotFound) socket.emit('roomClosed', { reason });
        this.release();
      }),
    ];
    this.#attachment = {
      room,
      pipe,
      unbind: () => {
        for (const off of undo) off();
        relays.close(pipe);
      },
    };
  }

  /** The relay's socket is gone (or the room closed): its pipe closes. */
  release(): void {
    this.#attachment?.unbind();
    this.#attachment = undefined;
  }
}
