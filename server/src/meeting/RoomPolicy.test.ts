import { ErrorCode } from '@ca/signaling';
import { describe, expect, it, vi } from 'vitest';
import { RoomPolicy } from './RoomPolicy.js';
import type { RoomKind } from './roomKinds.js';

const policy = (maxWaiting = 10, kind: RoomKind = 'booth') => new RoomPolicy({ now: () => Date.parse('2027-03-01T09:00:00Z'), maxWaiting, kind });
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

  it('a booth lets a guest join only once let in from the lobby (or returning to their place); hosts and other rooms need no lobby', () => {
    const booth = policy();
    expect(() => booth.assertMayJoin({ role: 'guest', userId: 'u1' })).toThrow(expect.objectContaining({ code: ErrorCode.LobbyRequired }));
    expect(() => booth.assertMayJoin({ role: 'guest', userId: undefined })).toThrow(expect.objectContaining({ code: ErrorCode.LobbyRequired }));
    expect(() => booth.assertMayJoin({ role: 'guest', userId: 'u1' }, { returning: true })).not.toThrow();
    expect(() => booth.assertMayJoin({ role: 'host', userId: 'staff' })).not.toThrow();
    booth.admit(booth.knock(guest('u1'), vi.fn()));
    expect(() => booth.assertMayJoin({ role: 'guest', userId: 'u1' })).not.toThrow();
    expect(() => booth.assertMayJoin({ role: 'guest', userId: 'u2' })).toThrow(expect.objectContaining({ code: ErrorCode.LobbyRequired }));
    for (const kind of ['appointment', 'stage', 'instant'] as const) {
      expect(() => policy(10, kind).assertMayJoin({ role: 'guest', userId: 'u1' })).not.toThrow();
    }
    // The lobby comes after the door: a removed guest hears REMOVED_BY_HOST, not "knock first".
    booth.removeUser('u3');
    expect(() => booth.assertMayJoin({ role: 'guest', userId: 'u3' })).toThrow(expect.objectContaining({ code: ErrorCode.RemovedByHost }));
  });

  it('hosts cannot be removed; anyone else can', () => {
    const rules = policy(10, 'appointment');
    expect(() => rules.assertMayRemove({ role: 'host', userId: 'staff' })).toThrow(expect.objectContaining({ code: ErrorCode.Forbidden }));
    for (const role of ['guest', 'speaker', 'audience'] as const) expect(() => rules.assertMayRemove({ role, userId: 'u' })).not.toThrow();
  });

  it('only a stage brings people on stage and back, and never moves a host', () => {
    const stage = policy(10, 'stage');
    expect(stage.stageRole('audience', true)).toBe('speaker');
    expect(stage.stageRole('speaker', false)).toBe('audience');
    expect(stage.stageRole('speaker', true)).toBe('speaker');
    expect(() => stage.stageRole('host', false)).toThrow(expect.objectContaining({ code: ErrorCode.Conflict }));
    for (const kind of ['appointment', 'booth', 'instant'] as const) {
      expect(() => policy(10, kind).stageRole('guest', true)).toThrow(expect.objectContaining({ code: ErrorCode.Conflict }));
    }
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
