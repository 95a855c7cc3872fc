import { describe, expect, it } from 'vitest';
import { DEFAULT_WALK_IN_MINUTES, typicalWalkInMinutes, walkInEta } from './walkInEta.js';

describe('walk-in wait estimate', () => {
  it('takes the median of the recent visits, in whole minutes, and a default with too few', () => {
    expect(typicalWalkInMinutes([])).toBe(DEFAULT_WALK_IN_MINUTES);
    expect(typicalWalkInMinutes([600, 1200])).toBe(DEFAULT_WALK_IN_MINUTES);
    expect(typicalWalkInMinutes([1080, 1320, 1200, 2700, 300])).toBe(20);
    expect(typicalWalkInMinutes([61, 61, 61])).toBe(2);
    // Only the 20 newest count: old long visits do not drag it up.
    expect(typicalWalkInMinutes([...Array(20).fill(300), ...Array(50).fill(3600)])).toBe(5);
    expect(typicalWalkInMinutes([0, 0, 0, 0])).toBe(DEFAULT_WALK_IN_MINUTES);
  });

  it('waits one meeting per place per host, and cannot tell without a host', () => {
    expect(walkInEta({ position: 1, hosts: 1, typicalMinutes: 12 })).toBe(12);
    expect(walkInEta({ position: 3, hosts: 1, typicalMinutes: 12 })).toBe(36);
    expect(walkInEta({ position: 3, hosts: 2, typicalMinutes: 12 })).toBe(24);
    expect(walkInEta({ position: 2, hosts: 2, typicalMinutes: 12 })).toBe(12);
    expect(walkInEta({ position: 1, hosts: 0, typicalMinutes: 12 })).toBeNull();
  });
});
