import { describe, expect, it } from 'vitest';
import { signMeetingToken } from './meetingTokens.js';
import { signRelayToken, verifyRelayToken } from './relayTokens.js';

const secret = 'relay-test-secret-0123456789abcdef';
const now = Date.parse('2026-11-29T10:00:00Z');
const pipe = { ip: '10.0.0.2', port: 40_123 };

describe('relay tokens', () => {
  it('a token made for one room and node verifies for that room within a minute', () => {
    const token = signRelayToken({ room: 'stage-s1', node: 'node-2', pipe }, secret, now);
    expect(verifyRelayToken(token, secret, { room: 'stage-s1', pipe, now: now + 59_000 })).toMatchObject({
      ok: true,
      claims: { room: 'stage-s1', node: 'node-2' },
    });
  });

  it('is refused after a minute, for another room, or under another secret', () => {
    const token = signRelayToken({ room: 'stage-s1', node: 'node-2', pipe }, secret, now);
    expect(verifyRelayToken(token, secret, { room: 'stage-s1', pipe, now: now + 61_000 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyRelayToken(token, secret, { room: 'stage-s2', pipe, now })).toEqual({ ok: false, reason: 'wrong-room' });
    expect(verifyRelayToken(token, 'another-secret-0123456789abcdef', { room: 'stage-s1', pipe, now })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('names the pipe it was made for: the same token for another address or port is refused', () => {
    const token = signRelayToken({ room: 'stage-s1', node: 'node-2', pipe }, secret, now);
    expect(verifyRelayToken(token, secret, { room: 'stage-s1', pipe: { ...pipe, ip: '203.0.113.9' }, now })).toEqual({
      ok: false,
      reason: 'wrong-pipe',
    });
    expect(verifyRelayToken(token, secret, { room: 'stage-s1', pipe: { ...pipe, port: 9 }, now })).toEqual({ ok: false, reason: 'wrong-pipe' });
  });

  it('a meeting token signed with the same secret is not a relay token', () => {
    const meeting = signMeetingToken(
      { room: 'stage-s1', role: 'host', sub: 'u1', name: 'Mallory', nbf: 0, exp: Math.floor(now / 1000) + 600 },
      secret,
    );
    expect(verifyRelayToken(meeting, secret, { room: 'stage-s1', pipe, now })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('malformed tokens are refused, not thrown', () => {
    for (const bad of ['', 'a', 'a.b.c', '.', 'x.y']) expect(verifyRelayToken(bad, secret, { room: 'stage-s1', pipe, now }).ok).toBe(false);
  });
});
