import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantRole } from '@ca/signaling';
import { Breakouts } from '../meeting/Breakouts.js';
import type { Peer } from './Peer.js';
import { RoomBreakouts } from './RoomBreakouts.js';

/** The parts of a Peer the breakout rooms use: who it is, its role, and its consumers of others. */
function participant(id: string, role: ParticipantRole) {
  const dropped: string[] = [];
  const peer = {
    id,
    role,
    userId: `user-${id}`,
    displayName: id,
    changeRole(next: ParticipantRole) {
      if (peer.role === next) return false;
      peer.role = next;
      return true;
    },
    dropConsumersOf: (other: string) => dropped.push(other),
  };
  return { peer: peer as unknown as Peer & { role: ParticipantRole }, dropped };
}

describe('RoomBreakouts', () => {
  afterEach(() => vi.useRealTimers());

  it('spreads participants so room sizes differ by one at most', () => {
    for (const [people, rooms] of [
      [7, 3],
      [2, 5],
      [20, 4],
    ] as const) {
      const split = Breakouts.split([...Array(people).keys()], rooms);
      const sizes = Array.from({ length: rooms }, (_, i) => split.filter((s) => s.room === i + 1).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(people);
    }
  });

  it('calls everyone back when the timer ends, stops media between rooms, and gives the stage audience back its role', () => {
    vi.useFakeTimers();
    const host = participant('host', 'host');
    const ana = participant('ana', 'audience');
    const bo = participant('bo', 'audience');
    const all = [host, ana, bo];
    const moves: Array<[string, number, number, boolean]> = [];
    const states: unknown[] = [];
    const breakouts = new RoomBreakouts({
      peers: () => all.map((p) => p.peer),
      peer: (id) => all.find((p) => p.peer.id === id)!.peer,
      stage: true,
      now: () => Date.now(),
      moved: (peer, from, to, roleChanged) => moves.push([peer.id, from, to, roleChanged]),
      changed: (state) => states.push(state),
    });
    breakouts.open(2, 'auto', 5);
    expect(new Set([breakouts.groupOf('ana'), breakouts.groupOf('bo')])).toEqual(new Set([1, 2]));
    expect(breakouts.groupOf('host')).toBe(0);
    expect(ana.peer.role).toBe('speaker');
    // Ana left the main room: she no longer receives the host, nor the host her (Bo moved after her).
    expect(ana.dropped).toContain('host');
    expect(host.dropped).toEqual(expect.arrayContaining(['ana', 'bo']));

    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect(breakouts.isOpen).toBe(true);
    vi.advanceTimersByTime(1);
    expect(breakouts.isOpen).toBe(false);
    expect(breakouts.groupOf('ana')).toBe(0);
    expect(ana.peer.role).toBe('audience');
    expect(moves.filter(([, , to]) => to === 0).map(([id, , , roleChanged]) => [id, roleChanged])).toEqual(
      expect.arrayContaining([
        ['ana', true],
        ['bo', true],
      ]),
    );
    expect(states.at(-1)).toBeNull();
  });

  it('a speaker brought into a breakout room stays a speaker when called back', () => {
    const host = participant('host', 'host');
    const sam = participant('sam', 'speaker');
    const all = [host, sam];
    const breakouts = new RoomBreakouts({
      peers: () => all.map((p) => p.peer),
      peer: (id) => all.find((p) => p.peer.id === id)!.peer,
      stage: true,
      now: () => Date.now(),
      moved: () => undefined,
      changed: () => undefined,
    });
    breakouts.open(1, 'manual', undefined);
    expect(breakouts.move('sam', 1)).toBe(true);
    expect(breakouts.move('sam', 1)).toBe(false);
    breakouts.close();
    expect(sam.peer.role).toBe('speaker');
  });
});
