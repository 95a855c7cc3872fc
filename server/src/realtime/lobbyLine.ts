import { walkInEta } from '../domain/index.js';
import type { Room } from '../media/Room.js';
import { BOOTH_ROOM_PREFIX, roomKind } from '../meeting/roomKinds.js';
import type { TypedServer } from './types.js';

/** The typical walk-in meeting length of a booth, in minutes (WalkInTimes). */
export type WalkInMinutes = (boothId: string) => Promise<number>;

/** The Socket.io room of the sockets (tabs) waiting on one knock. */
export const knockKey = (knockId: string): string => `knock:${knockId}`;

/**
 * Tells every guest waiting in a booth room's lobby their place in line and an estimated wait
 * (`lobbyPosition`), whenever the line changes or a host comes or goes. The line is first come,
 * first served, as the hosts see it. A failed estimate (the database away) is sent as unknown.
 */
export function wireLobbyLine(io: TypedServer, room: Room, walkInMinutes: WalkInMinutes): void {
  if (roomKind(room.id) !== 'booth') return;
  const boothId = room.id.slice(BOOTH_ROOM_PREFIX.length);
  let pending = false;
  const push = async () => {
    const line = room.policy.waiting();
    if (line.length === 0) return;
    const hosts = room.peerInfos().filter((p) => p.role === 'host' && !p.away).length;
    const typical = hosts > 0 ? await walkInMinutes(boothId).catch(() => null) : null;
    for (const [index, { knockId }] of line.entries()) {
      const position = index + 1;
      io.local.to(knockKey(knockId)).emit('lobbyPosition', {
        knockId,
        position,
        waiting: line.length,
        hosts,
        etaMinutes: typical === null ? null : walkInEta({ position, hosts, typicalMinutes: typical }),
      });
    }
  };
  // Several changes in one tick (a host admits two guests) make one update.
  const schedule = () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      void push();
    });
  };
  room.policy.on('lobbyChanged', schedule);
  room.on('peerJoined', schedule);
  room.on('peerLeft', schedule);
  room.on('peerUpdated', schedule);
}
