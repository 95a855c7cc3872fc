import { ErrorCode } from '@ca/signaling';
import { describe, expect, it, vi } from 'vitest';
import { RoomPolicy } from './RoomPolicy.js';

const policy = (maxWaiting = 10) => new RoomPolicy({ now: () => Date.parse('2027-03-01T09:00:00Z'), maxWaiting });
const guest = (userId: string) => ({ userId, role: 'guest' as const, displayName: userId, country: 'DE', language: 'de' });

describe('RoomPolicy', () => {
  it('a locked room keeps guests out with ROOM_LOCKED but lets hosts and returning participants in, and says it changed once', () => {
    const rules = policy();
    const changed = vi.fn();
    rules.on('lockChanged', changed);
    rules.setLocked(true);
    rules.setLocked(true);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(() => rules.assertMayEnter({ role: 'guest', userId: 'u1' })).toThrow(expect.objectContaining({ code: ErrorCode.RoomLocked }));
    expect(() => rules.assertMayEnter({ role: 'host', userId: 'h1' })).not.toThrow();
    expect(() => rules.assertMayEnter({ role: 'guest', userId: 'u1' }, { returning: true })).not.toThrow();
  });

  it('a removed user stays out, returning or not, and loses their admission and knocks', () => {
    const rules = policy();
    const answer = vi.fn();
    rules.admit(rules.knock(guest('u1'), vi.fn()));
    expect(rules.admitted('u1')).toBe(true);
    rules.removeUser('u1');
    expect(rules.admitted('u1')).toBe(false);
    expect(() => rules.assertMayEnter({ role: 'guest', userId: 'u1' }, { returning: true })).toThrow(
      expect.objectContaining({ code: ErrorCode.RemovedByHost }),
    );
    expect(() => rules.knock(guest('u1'), answer)).toThrow(expect.objectContaining({ code: ErrorCode.RemovedByHost }));
  });

  it('a full lobby refuses the next knock with ROOM_FULL and changes nothing', () => {
    const rules = policy(2);
    rules.knock(guest('a'), vi.fn());
    rules.knock(guest('b'), vi.fn());
    expect(() => rules.knock(guest('c'), vi.fn())).toThrow(expect.objectContaining({ code: ErrorCode.RoomFull }));
    expect(rules.waiting().map((k) => k.displayName)).toEqual(['a', 'b']);
  });

  it('answers admit and decline of a knock that is gone with NOT_FOUND', () => {
    const rules = policy();
    expect(() => rules.admit('nope')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
    expect(() => rules.decline('nope')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
  });

  it('announces each chat message and keeps it for late joiners', () => {
    const rules = policy();
    const heard = vi.fn();
    rules.on('chatMessage', heard);
    const message = rules.addChat({ peerId: 'p1', displayName: 'Ann' }, 'hello');
    expect(heard).toHaveBeenCalledWith(message);
    expect(rules.chatHistory()).toEqual([message]);
  });
});
