import { randomUUID } from 'node:crypto';
import { ErrorCode, type User } from '@ca/signaling';
import { assertZone } from '../domain/index.js';
import { AppError } from '../errors.js';
import { deviceKey, DEVICE_DAYS, signDeviceCookie, verifyDeviceCookie } from '../security/deviceCookies.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../security/passwords.js';
import { newToken, tokenDigest } from '../security/sessionTokens.js';
import type { Store } from '../store/index.js';
import type { UserRow } from '../store/schema.js';
import { iso, type Clock } from './clock.js';

/** How long a login lasts. */
export const SESSION_DAYS = 14;

export type AuthenticatedUser = User & { csrfToken: string };

export type NewAccount = {
  name: string;
  email: string;
  password: string;
  country: string;
  language: string;
  timeZone: string;
  role?: UserRow['role'];
};

/** Accounts, login sessions (opaque cookie token, stored only as a digest) and CSRF tokens. */
export class AuthService {
  readonly #deviceKey: Buffer;

  /** `secret` (the server's meeting-token secret) is the root of the device cookies' key. */
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    secret: string,
  ) {
    this.#deviceKey = deviceKey(secret);
  }

  /** A device cookie for a browser that just signed in to `user`, and when it expires (epoch ms). */
  deviceCookie(user: { id: string; email: string }): { value: string; expiresAt: number } {
    const now = this.clock.now();
    return { value: signDeviceCookie(this.#deviceKey, { userId: user.id, email: user.email, now }), expiresAt: now + DEVICE_DAYS * 86_400_000 };
  }

  /** The device's id when `cookie` shows this browser signed in to `email` recently; else undefined. */
  trustedDevice(cookie: string | undefined, email: string): string | undefined {
    return verifyDeviceCookie(this.#deviceKey, cookie, email, this.clock.now());
  }

  async toUser(row: UserRow): Promise<User> {
    const boothIds = row.role === 'staff' ? (await this.store.expo.staffByUser(row.id)).map((s) => s.booth_id) : [];
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      country: row.country,
      language: row.language,
      timeZone: row.time_zone,
      boothIds,
    };
  }

  /** Creates an account; CONFLICT when the e-mail is taken. Guests register themselves; other roles come from an organizer. */
  async createAccount(account: NewAccount): Promise<UserRow> {
    const { password, ...rest } = account;
    return this.createAccountWithHash(rest, await hashPassword(password));
  }

  /** `createAccount` with the password already hashed (a confirmed registration kept only the hash). */
  async createAccountWithHash(account: Omit<NewAccount, 'password'>, passwordHash: string): Promise<UserRow> {
    const timeZone = assertZone(account.timeZone, 'timeZone');
    const email = account.email.toLowerCase();
    if (await this.store.users.byEmail(email)) {
      throw new AppError(ErrorCode.Conflict, 'an account with this e-mail already exists', { reason: 'email-taken' });
    }
    const row: UserRow = {
      id: randomUUID(),
      email,
      name: account.name,
      password_hash: passwordHash,
      role: account.role ?? 'guest',
      country: account.country,
      language: account.language,
      time_zone: timeZone,
      created_at: iso(this.clock.now()),
    };
    try {
      await this.store.users.insert(row);
    } catch (err) {
      // Two registrations racing for one e-mail: the unique index decides.
      if (await this.store.users.byEmail(email)) {
        throw new AppError(ErrorCode.Conflict, 'an account with this e-mail already exists', { reason: 'email-taken' });
      }
      throw err;
    }
    return row;
  }

  /** Checks the password (in constant time, also for unknown e-mails) and opens a session. */
  async login(email: string, password: string): Promise<{ token: string; user: AuthenticatedUser; expiresAt: number }> {
    const row = await this.store.users.byEmail(email);
    const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH_PROMISE));
    if (!row || !ok) throw new AppError(ErrorCode.Unauthorized, 'wrong e-mail or password');
    return this.openAuthSession(row);
  }

  async openAuthSession(row: UserRow): Promise<{ token: string; user: AuthenticatedUser; expiresAt: number }> {
    const token = newToken();
    const csrfToken = newToken();
    const now = this.clock.now();
    const expiresAt = now + SESSION_DAYS * 86_400_000;
    await this.store.users.createAuthSession({
      id: tokenDigest(token),
      userId: row.id,
      csrfToken,
      createdAt: iso(now),
      expiresAt: iso(expiresAt),
    });
    return { token, user: { ...(await this.toUser(row)), csrfToken }, expiresAt };
  }

  /** The user behind a session cookie, or undefined when missing, unknown or expired. */
  async fromSessionToken(token: string | undefined): Promise<AuthenticatedUser | undefined> {
    if (!token || token.length > 200) return undefined;
    const found = await this.store.users.authSessionWithUser(tokenDigest(token), iso(this.clock.now()));
    if (!found) return undefined;
    const { csrf_token: csrfToken, expires_at: _expires, ...row } = found;
    return { ...(await this.toUser(row)), csrfToken };
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.users.deleteAuthSession(tokenDigest(token));
  }

  async updateProfile(userId: string, patch: { name?: string; language?: string; timeZone?: string; country?: string }) {
    await this.store.users.update(userId, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.language !== undefined && { language: patch.language }),
      ...(patch.country !== undefined && { country: patch.country }),
      ...(patch.timeZone !== undefined && { time_zone: assertZone(patch.timeZone, 'timeZone') }),
    });
  }
}
