import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials } from './turnCredentials.js';

const settings = {
  urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'],
  secret: 'coturn-static-auth-secret',
  ttlSeconds: 3600,
};
const now = Date.parse('2027-03-01T09:00:00Z');

describe('TURN REST credentials', () => {
  it('names the user "<expiry>:<user>" with the expiry ttl seconds from now', () => {
    const { username, expiresAt } = turnCredentials(settings, 'user-42', now);
    const expiry = now / 1000 + 3600;
    expect(username).toBe(`${expiry}:user-42`);
    expect(expiresAt).toBe(expiry * 1000);
  });

  it('signs the username with HMAC-SHA1 of the shared secret, base64 — what coturn use-auth-secret checks', () => {
    const { username, credential } = turnCredentials(settings, 'user-42', now);
    expect(credential).toBe(createHmac('sha1', settings.secret).update(username).digest('base64'));
  });

  it('gives different passwords for another expiry, so an old password does not work after it expires', () => {
    const earlier = turnCredentials(settings, 'user-42', now);
    const later = turnCredentials(settings, 'user-42', now + 60_000);
    expect(later.username).not.toBe(earlier.username);
    expect(later.credential).not.toBe(earlier.credential);
  });

  it('keeps a colon in a user id from forging the expiry field', () => {
    expect(turnCredentials(settings, '9999999999:evil', now).username).toBe(`${now / 1000 + 3600}:9999999999_evil`);
  });

  it('hands out no ICE servers when TURN is not configured, and every URL with one credential when it is', () => {
    expect(iceServersFor(undefined, 'u', now)).toEqual([]);
    expect(iceServersFor(settings, 'u', now)).toEqual([
      { urls: settings.urls, username: expect.stringMatching(/^\d+:u$/), credential: expect.any(String) },
    ]);
  });
});
