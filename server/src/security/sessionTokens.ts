import { createHash, randomBytes } from 'node:crypto';

/** A new random secret token (cookie value, CSRF token): 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores for a session token: its SHA-256, so a leaked table grants nothing. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
