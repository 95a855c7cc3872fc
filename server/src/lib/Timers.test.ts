import { afterEach, describe, expect, it, vi } from 'vitest';
import { Timers } from './Timers.js';

describe('Timers', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps one timer per key: setting again replaces it, clearing a key or all cancels', () => {
    vi.useFakeTimers();
    const timers = new Timers();
    const fired: string[] = [];
    timers.set('a', 100, () => fired.push('a1'));
    timers.set('a', 300, () => fired.push('a2'));
    timers.set('b', 200, () => fired.push('b'));
    timers.set('c', 200, () => fired.push('c'));
    timers.clear('b');
    vi.advanceTimersByTime(250);
    expect(fired).toEqual(['c']);
    timers.clear();
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['c']);
    // A fired key can be set again.
    timers.set('c', 10, () => fired.push('c again'));
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['c', 'c again']);
  });
});
