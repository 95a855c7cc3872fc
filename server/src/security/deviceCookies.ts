import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a device stays "recently used" after a successful sign-in. */
export const DEVICE_DAYS = 30;

/** The key that signs device cookies, derived from the server's secret (never the secret itself). */
export function deviceKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('ca-device-cookie-v1').digest();
}

const mac = (key: Buffer, userId: string, issuedAt: number, email: string) =>
  createHmac('sha256', key).update(`${userId}\n${issuedAt}\n${email.toLowerCase()}`).digest();

/**
 * A device cookie, set at a successful sign-in: "<user id>.<issued, epoch s>.<HMAC>", the
 * HMAC over user, time and e-mail. It proves this browser signed in to that account before,
 * so a later sign-in from it is not throttled with everyone else's attempts on the e-mail.
 * It grants nothing by itself: the password is still checked.
 */
export function signDeviceCookie(key: Buffer, claims: { userId: string; email: string; now: number }): string {
  const issuedAt = Math.floor(claims.now / 1000);
  return `${claims.userId}.${issuedAt}.${mac(key, claims.userId, issuedAt, claims.email).toString('base64url')}`;
}

/**
 * The cookie's stable id (its HMAC) when it was issued for `email` by this server within
 * DEVICE_DAYS before `now`; undefined when it is missing, forged, for another account or old.
 */
export function verifyDeviceCookie(key: Buffer, cookie: string | undefined, email: string, now: number): string | undefined {
  if (!cookie || cookie.length > 300) return undefined;
  const [userId, issued, given, extra] = cookie.split('.');
  if (!userId || !issued || !given || extra !== undefined || !/^\d{1,12}$/.test(issued)) return undefined;
  const issuedAt = Number(issued);
  const age = now / 1000 - issuedAt;
  if (age < -60 || age > DEVICE_DAYS * 86_400) return undefined;
  const expected = mac(key, userId, issuedAt, email);
  const givenMac = Buffer.from(given, 'base64url');
  if (givenMac.length !== expected.length || !timingSafeEqual(givenMac, expected)) return undefined;
  return given;
}
