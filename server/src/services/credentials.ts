import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { accountEmails, type AccountEmail } from '../i18n/accountEmails.js';
import type { Logger } from '../logger.js';
import { hashPassword, verifyPassword } from '../security/passwords.js';
import { newToken, tokenDigest } from '../security/sessionTokens.js';
import type { Store } from '../store/index.js';
import type { UserRow } from '../store/schema.js';
import { iso, type Clock } from './clock.js';

/** How long a password-reset link works. */
export const RESET_MINUTES = 60;

export type CredentialOptions = {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Where e-mail links point: the site's address as browsers know it (APP_URL), no trailing slash. */
  appUrl: string;
};

/**
 * Passwords after sign-up: change (the current password required; the user's other
 * sessions end) and reset by e-mail (a single-use token that expires, stored only as its
 * hash; a reset ends every session). E-mails go through the outbox in the user's language.
 */
export class CredentialService {
  constructor(private readonly options: CredentialOptions) {}

  /** Changes the password of `userId` when `currentPassword` is right; ends every other session (keeps `keepSession`, a digest). */
  async changePassword(request: { userId: string; currentPassword: string; newPassword: string; keepSession: string | undefined }) {
    const { store } = this.options;
    const user = await store.users.byId(request.userId);
    if (!user) throw new AppError(ErrorCode.Unauthorized, 'please sign in');
    if (!(await verifyPassword(request.currentPassword, user.password_hash))) {
      throw new AppError(ErrorCode.Forbidden, 'the current password is wrong', { reason: 'wrong-password' });
    }
    const hash = await hashPassword(request.newPassword);
    const now = iso(this.options.clock.now());
    await store.transaction(async (tx) => {
      await tx.users.setPasswordHash(user.id, hash);
      await tx.users.deleteAuthSessionsOf(user.id, request.keepSession);
      await tx.accountTokens.revokeForUser(user.id, 'password-reset', now);
      await this.#mail(tx, user, 'password-changed', accountEmails(user.language).passwordChanged({ name: user.name }));
    });
  }

  /**
   * Starts `requestPasswordReset` without waiting for it (failures are logged), so the answer
   * goes out after the same work for every address. Returns the running promise for tests.
   */
  startPasswordReset(email: string): Promise<void> {
    return this.requestPasswordReset(email).catch((err: unknown) => this.options.log.error({ err }, 'password reset e-mail not queued'));
  }

  /**
   * Sends a reset link to `email` if it has an account. Does the same work (a token and its
   * hash) either way; callers answer before it finishes, so neither the answer nor its timing
   * tells whether the address is registered.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const { store, clock } = this.options;
    const token = newToken();
    const digest = tokenDigest(token);
    const user = await store.users.byEmail(email);
    if (!user) return;
    const now = clock.now();
    await store.accountTokens.insert({
      id: digest,
      purpose: 'password-reset',
      email: user.email,
      user_id: user.id,
      payload: null,
      created_at: iso(now),
      expires_at: iso(now + RESET_MINUTES * 60_000),
      used_at: null,
    });
    const link = `${this.options.appUrl}/reset-password#token=${token}`;
    await this.#mail(
      store,
      user,
      `password-reset:${digest}`,
      accountEmails(user.language).passwordReset({ name: user.name, link, minutes: RESET_MINUTES }),
    );
  }

  /** Sets a new password with a reset token (once, before it expires) and ends every session of the account. */
  async resetPassword(token: string, password: string): Promise<void> {
    const { store, clock } = this.options;
    const hash = await hashPassword(password);
    const now = iso(clock.now());
    await store.transaction(async (tx) => {
      const row = await tx.accountTokens.consume(tokenDigest(token), 'password-reset', now);
      const user = row?.user_id ? await tx.users.byId(row.user_id) : undefined;
      if (!row || !user) {
        throw new AppError(ErrorCode.BadRequest, 'this reset link has expired or was already used; ask for a new one', { reason: 'invalid-token' });
      }
      await tx.users.setPasswordHash(user.id, hash);
      await tx.users.deleteAuthSessionsOf(user.id, undefined);
      await tx.accountTokens.revokeForUser(user.id, 'password-reset', now);
      await this.#mail(tx, user, 'password-changed', accountEmails(user.language).passwordChanged({ name: user.name }));
    });
  }

  async #mail(store: Store, user: UserRow, kind: string, email: AccountEmail): Promise<void> {
    const at = iso(this.options.clock.now());
    await store.notifications.enqueueEmail({
      id: randomUUID(),
      to_email: user.email,
      subject: email.subject,
      body: email.body,
      // Unique per e-mail: a notice goes out for every change, not once per user.
      dedupe_key: `${user.id}:${kind}:${at}:${randomUUID()}`,
      created_at: at,
      sent_at: null,
    });
  }
}
