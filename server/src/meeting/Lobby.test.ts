import { describe, expect, it, vi } from 'vitest';
import { Lobby } from './Lobby.js';

const guest = (userId: string, answer = vi.fn()) => ({
  userId,
  displayName: `Guest ${userId}`,
  country: 'BR',
  language: 'pt',
  now: Date.parse('2027-03-01T09:00:00Z'),
  answer,
});

describe('Lobby', () => {
  it('lists a knocking guest with name, country, language and since when, and tells hosts it changed', () => {
    const onChange = vi.fn();
    const lobby = new Lobby(onChange);
    const knockId = lobby.knock(guest('u1'));
    expect(lobby.waiting()).toEqual([{ knockId, displayName: 'Guest u1', country: 'BR', language: 'pt', since: '2027-03-01T09:00:00.000Z' }]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('admitting answers the guest yes, removes the knock and lets that user in from then on', () => {
    const answer = vi.fn();
    const lobby = new Lobby();
    const knockId = lobby.knock(guest('u1', answer));
    expect(lobby.isAdmitted('u1')).toBe(false);
    expect(lobby.admit(knockId)).toBe(true);
    expect(answer).toHaveBeenCalledWith(true);
    expect(lobby.waiting()).toEqual([]);
    expect(lobby.isAdmitted('u1')).toBe(true);
  });

  it('declining answers the guest no and does not let them in', () => {
    const answer = vi.fn();
    const lobby = new Lobby();
    const knockId = lobby.knock(guest('u1', answer));
    expect(lobby.decline(knockId)).toBe(true);
    expect(answer).toHaveBeenCalledWith(false);
    expect(lobby.isAdmitted('u1')).toBe(false);
  });

  it('a knock answered once cannot be answered again (two hosts racing): the second gets false', () => {
    const answer = vi.fn();
    const lobby = new Lobby();
    const knockId = lobby.knock(guest('u1', answer));
    expect(lobby.admit(knockId)).toBe(true);
    expect(lobby.decline(knockId)).toBe(false);
    expect(answer).toHaveBeenCalledTimes(1);
  });

  it('a cancelled knock disappears without an answer', () => {
    const answer = vi.fn();
    const lobby = new Lobby();
    const knockId = lobby.knock(guest('u1', answer));
    lobby.cancel(knockId);
    expect(lobby.size).toBe(0);
    expect(lobby.admit(knockId)).toBe(false);
    expect(answer).not.toHaveBeenCalled();
  });

  it('a user knocking again (a second tab) joins their waiting knock: one line for hosts, every tab hears the answer', () => {
    const tabs = [vi.fn(), vi.fn()];
    const lobby = new Lobby();
    const first = lobby.knock(guest('u1', tabs[0]));
    const second = lobby.knock(guest('u1', tabs[1]));
    expect(second).toBe(first);
    expect(lobby.waiting()).toHaveLength(1);
    lobby.admit(first);
    for (const tab of tabs) expect(tab).toHaveBeenCalledWith(true);
  });

  it('one tab giving up leaves the knock for the other tab; the last one withdraws it', () => {
    const tabs = [vi.fn(), vi.fn()];
    const lobby = new Lobby();
    const knockId = lobby.knock(guest('u1', tabs[0]));
    lobby.knock(guest('u1', tabs[1]));
    lobby.cancel(knockId, tabs[0]);
    expect(lobby.size).toBe(1);
    lobby.cancel(knockId, tabs[1]);
    expect(lobby.size).toBe(0);
  });

  it('declineUser answers every knock of a removed user no', () => {
    const answer = vi.fn();
    const lobby = new Lobby();
    lobby.knock(guest('u1', answer));
    lobby.knock(guest('u2'));
    lobby.declineUser('u1');
    expect(answer).toHaveBeenCalledWith(false);
    expect(lobby.waiting().map((k) => k.displayName)).toEqual(['Guest u2']);
  });

  it('revoking takes an admission back (a removed participant)', () => {
    const lobby = new Lobby();
    lobby.admit(lobby.knock(guest('u1')));
    lobby.revoke('u1');
    expect(lobby.isAdmitted('u1')).toBe(false);
  });

  it('declineAll answers everyone waiting no (the room closes)', () => {
    const answers = [vi.fn(), vi.fn()];
    const lobby = new Lobby();
    lobby.knock(guest('u1', answers[0]));
    lobby.knock(guest('u2', answers[1]));
    lobby.declineAll();
    for (const answer of answers) expect(answer).toHaveBeenCalledWith(false);
    expect(lobby.size).toBe(0);
  });
});
