import { describe, expect, it } from 'vitest';
import { signMeetingToken, verifyMeetingToken, type MeetingClaims } from './meetingTokens.js';

const secret = 'test-secret-of-enough-length-0123456789';
const now = Date.UTC(2026, 4, 4, 9, 0);
const claims: MeetingClaims = {
  room: 'appt-1',
  role: 'guest',
  sub: 'user-1',
  name: 'Li Wei',
  nbf: now / 1000 - 60,
  exp: now / 1000 + 1800,
};

describe('meeting tokens', () => {
  it('a token verifies for its room inside its window', () => {
    const token = signMeetingToken(claims, secret);
    expect(verifyMeetingToken(token, secret, { room: 'appt-1', now })).toEqual({ ok: true, claims });
  });

  it('a token is refused for another room, before its window and after it', () => {
    const token = signMeetingToken(claims, secret);
    expect(verifyMeetingToken(token, secret, { room: 'appt-2', now })).toEqual({ ok: false, reason: 'wrong-room' });
    expect(verifyMeetingToken(token, secret, { room: 'appt-1', now: now - 120_000 })).toEqual({
      ok: false,
      reason: 'not-yet-valid',
    });
    expect(verifyMeetingToken(token, secret, { room: 'appt-1', now: now + 1800_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('a token signed with another secret or edited claims is refused', () => {
    const token = signMeetingToken(claims, secret);
    expect(verifyMeetingToken(token, 'other-secret', { room: 'appt-1', now })).toMatchObject({ reason: 'bad-signature' });
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url')}.${mac}`;
    expect(verifyMeetingToken(forged, secret, { room: 'appt-1', now })).toMatchObject({ reason: 'bad-signature' });
  });

  it('garbage is refused as malformed, never thrown', () => {
    for (const token of ['', 'a', 'a.b.c', '.', 'x'.repeat(5000)]) {
      expect(verifyMeetingToken(token, secret, { room: 'appt-1', now }).ok).toBe(false);
    }
  });
});
