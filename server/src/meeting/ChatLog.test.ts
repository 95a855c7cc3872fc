import { describe, expect, it } from 'vitest';
import { ChatLog } from './ChatLog.js';

describe('ChatLog', () => {
  it('keeps messages in order with sender, text as sent and a UTC timestamp', () => {
    const log = new ChatLog();
    log.add({ peerId: 'p1', displayName: 'Ann' }, 'hello <b>there</b>', Date.parse('2027-03-01T09:00:00Z'));
    log.add({ peerId: 'p2', displayName: 'Bo' }, 'hi', Date.parse('2027-03-01T09:00:05Z'));
    expect(log.history()).toMatchObject([
      { peerId: 'p1', displayName: 'Ann', text: 'hello <b>there</b>', sentAt: '2027-03-01T09:00:00.000Z' },
      { peerId: 'p2', displayName: 'Bo', text: 'hi', sentAt: '2027-03-01T09:00:05.000Z' },
    ]);
  });

  it('drops the oldest messages past its limit, so a long meeting does not grow without bound', () => {
    const log = new ChatLog(3);
    for (const text of ['1', '2', '3', '4', '5']) log.add({ peerId: 'p', displayName: 'P' }, text, 0);
    expect(log.history().map((m) => m.text)).toEqual(['3', '4', '5']);
  });

  it('gives each message its own id', () => {
    const log = new ChatLog();
    const a = log.add({ peerId: 'p', displayName: 'P' }, 'a', 0);
    const b = log.add({ peerId: 'p', displayName: 'P' }, 'a', 0);
    expect(a.id).not.toBe(b.id);
  });
});
