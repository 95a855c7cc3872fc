import type { PeerInfo } from '@ca/signaling';
import type { AttendancePort } from '../domain/index.js';
import type { Room } from './Room.js';
import type { Rooms } from './Rooms.js';

/**
 * Feeds attendance from this node's rooms: a person is present while at least one of their
 * peers (tabs, devices) is in the room and connected. A dropped connection held for resume
 * (`away`) does not count; resuming counts again; a reload (a new peer replacing the old) is a
 * zero-length gap. Demo rooms' participants have no account and are not recorded. An overflow
 * room records its own viewers only (the stage's node records the stage's).
 */
export function feedAttendance(rooms: Rooms, port: AttendancePort, now: () => number): void {
  rooms.on('roomCreated', (room) => watchRoom(room, port, now));
}

function watchRoom(room: Room, port: AttendancePort, now: () => number): void {
  /** Peer id → its person, for every local peer with an account. */
  const owners = new Map<string, { userId: string; role: string }>();
  /** Person → their peers in the room and connected now. */
  const present = new Map<string, Set<string>>();

  const arrive = (peerId: string) => {
    const owner = owners.get(peerId);
    if (!owner) return;
    const peers = present.get(owner.userId) ?? new Set<string>();
    if (peers.size === 0) port.joined({ roomId: room.id, userId: owner.userId, role: owner.role, at: now() });
    peers.add(peerId);
    present.set(owner.userId, peers);
  };
  const go = (peerId: string) => {
    const owner = owners.get(peerId);
    const peers = owner && present.get(owner.userId);
    if (!owner || !peers?.delete(peerId) || peers.size > 0) return;
    present.delete(owner.userId);
    port.left({ roomId: room.id, userId: owner.userId, at: now() });
  };
  const update = (info: PeerInfo) => (info.away ? go(info.peerId) : arrive(info.peerId));

  room.on('peerJoined', (info) => {
    const peer = room.getPeer(info.peerId);
    if (peer?.userId === undefined) return;
    owners.set(peer.id, { userId: peer.userId, role: peer.role });
    update(info);
  });
  room.on('peerUpdated', update);
  room.on('peerLeft', (peerId) => {
    go(peerId);
    owners.delete(peerId);
  });
  // A closing room emits no peerLeft: everyone still there leaves now.
  room.once('close', () => {
    const at = now();
    for (const userId of present.keys()) port.left({ roomId: room.id, userId, at });
    present.clear();
    owners.clear();
  });
}
