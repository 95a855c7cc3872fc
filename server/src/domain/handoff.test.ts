import { describe, expect, it } from 'vitest';
import { hostState, mayTakeOver } from './handoff.js';

const MIN = 60_000;
const start = Date.parse('2027-03-01T10:00:00Z');
const base = { start, hostPresent: false, hostLeftAt: undefined, handedOver: false, otherStaff: 2 };

describe('where the host is', () => {
  it('waits 3 minutes, then asks the other staff, then after 6 offers the guest another time', () => {
    expect(hostState({ ...base, now: start + 2 * MIN + 59_999 })).toBe('waiting');
    expect(hostState({ ...base, now: start + 3 * MIN })).toBe('alerted');
    expect(hostState({ ...base, now: start + 6 * MIN - 1 })).toBe('alerted');
    expect(hostState({ ...base, now: start + 6 * MIN })).toBe('nobody-free');
  });

  it('offers another time at once when the booth has nobody else', () => {
    expect(hostState({ ...base, otherStaff: 0, now: start + 3 * MIN })).toBe('nobody-free');
  });

  it('a host in the room is here; one who dropped less than 3 minutes ago is still coming back', () => {
    expect(hostState({ ...base, hostPresent: true, now: start + 30 * MIN })).toBe('host-here');
    expect(hostState({ ...base, hostLeftAt: start + 2 * MIN, now: start + 4 * MIN })).toBe('waiting');
    expect(hostState({ ...base, hostLeftAt: start + 2 * MIN, now: start + 5 * MIN })).toBe('alerted');
    // Checked in early and left long before: no different from not having come.
    expect(hostState({ ...base, hostLeftAt: start - 10 * MIN, now: start + 3 * MIN })).toBe('alerted');
  });

  it('a meeting taken over says the new host is coming until they are in', () => {
    expect(hostState({ ...base, handedOver: true, now: start + 4 * MIN })).toBe('coming');
    expect(hostState({ ...base, handedOver: true, hostPresent: true, now: start + 5 * MIN })).toBe('host-here');
    expect(['alerted', 'nobody-free'].filter((s) => mayTakeOver(s as never))).toHaveLength(2);
    expect(mayTakeOver('coming')).toBe(false);
    expect(mayTakeOver('waiting')).toBe(false);
  });
});
