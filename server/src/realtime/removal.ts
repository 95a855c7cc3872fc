import { ErrorCode } from '@ca/signaling';
import type { Peer } from '../media/Peer.js';
import type { Connection } from './Connection.js';
import { peerKey, type TypedServer } from './types.js';

/**
 * Ends the visits of peers a host removed: each one's sockets are told (REMOVED_BY_HOST)
 * before the peer closes. A room's sockets are all on this node, so the push goes to local
 * sockets at once.
 */
export function endRemovedPeers(io: TypedServer, connections: Map<string, Connection>, peers: readonly Peer[]): void {
  for (const peer of peers) {
    io.local.to(peerKey(peer.id)).emit('roomClosed', {
      reason: { code: ErrorCode.RemovedByHost, message: 'a host removed you from this meeting' },
    });
    connections.get(peer.id)?.release();
    peer.close();
  }
}
