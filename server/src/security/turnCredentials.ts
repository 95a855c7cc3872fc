import { createHmac } from 'node:crypto';
import type { IceServer } from '@ca/signaling';

export type TurnSettings = { urls: string[]; secret: string; ttlSeconds: number };

/**
 * Time-limited TURN credentials in the TURN REST form that coturn checks with
 * `use-auth-secret`: username "<expiry epoch seconds>:<user>", password
 * base64(HMAC-SHA1(secret, username)). No per-user state on the TURN server; the
 * credentials stop working at `expiry`.
 */
export function turnCredentials(settings: TurnSettings, user: string, now: number): { username: string; credential: string; expiresAt: number } {
  const expiry = Math.floor(now / 1000) + settings.ttlSeconds;
  const username = `${expiry}:${user.replace(/:/g, '_')}`;
  const credential = createHmac('sha1', settings.secret).update(username).digest('base64');
  return { username, credential, expiresAt: expiry * 1000 };
}

/** The ICE servers a joining participant gets: none without TURN (the SFU itself is reachable by ICE-lite). */
export function iceServersFor(settings: TurnSettings | undefined, user: string, now: number): IceServer[] {
  if (!settings) return [];
  const { username, credential } = turnCredentials(settings, user, now);
  return [{ urls: settings.urls, username, credential }];
}
