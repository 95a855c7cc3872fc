import { randomUUID } from 'node:crypto';
import { ErrorCode, type registerRequestSchema } from '@ca/signaling';
import { z } from 'zod';
import { assertZone } from '../domain/index.js';
import { AppError } from '../errors.js';
import { accountEmails, type AccountEmail } from '../i18n/accountEmails.js';
import type { Logger } from '../logger.js';
import { hashPassword } from '../security/passwords.js';
import { newToken, tokenDigest } from '../security/sessionTokens.js';
import type { Store } from '../store/index.js';
import type { UserRow } from '../store/schema.js';
import type { AuthService } from './auth.js';
import { iso, type Clock } from './clock.js';

/** A validated registration body. */
export type Registration = z.output<typeof registerRequestSchema>;

/** How long a confirmation link works. */
export const CONFIRM_HOURS = 24;

/** What a registration keeps until it is confirmed (never the password itself). */
const pendingSchema = z.object({
  name: z.string(),
  passwordHash: z.string(),
  country: z.string(),
  language: z.string(),
  timeZone: z.string(),
});

export type RegistrationOptions = {
  store: Store;
  clock: Clock;
  auth: AuthService;
  log: Logger;
  /** Where e-mail links point (APP_URL), no trailing slash. */
  appUrl: string;
};

/**
 * Guest sign-up that never tells whether an address is taken: every registration gets the
 * same answer, and the work happens after it. A new address gets a confirmation link
 * (single use, expiring, stored as its hash with the details waiting beside it); the account
 * exists once the link is opened. An address that has an account gets an e-mail saying so.
 */
export class RegistrationService {
  constructor(private readonly options: RegistrationOptions) {}

  /**
   * Checks what needs no lookup (the zone is in the tz database: BAD_REQUEST at once), then
   * starts `register` without waiting for it (failures are logged). Returns the running promise.
   */
  start(request: Registration): Promise<void> {
    assertZone(request.timeZone, 'timeZone');
    return this.register(request).catch((err: unknown) => this.options.log.error({ err }, 'registration e-mail not queued'));
  }

  async register(request: Registration): Promise<void> {
    const { store, clock, appUrl } = this.options;
    const email = request.email.toLowerCase();
    const existing = await store.users.byEmail(email);
    if (existing) {
      const texts = accountEmails(existing.language);
      await this.#mail(
        email,
        texts.alreadyRegistered({ name: existing.name, signInLink: `${appUrl}/login`, resetLink: `${appUrl}/forgot-password` }),
      );
      return;
    }
    const token = newToken();
    const now = clock.now();
    const pending: z.infer<typeof pendingSchema> = {
      name: request.name,
      passwordHash: await hashPassword(request.password),
      country: request.country,
      language: request.language,
      timeZone: assertZone(request.timeZone, 'timeZone'),
    };
    await store.accountTokens.insert({
      id: tokenDigest(token),
      purpose: 'register',
      email,
      user_id: null,
      payload: JSON.stringify(pending),
      created_at: iso(now),
      expires_at: iso(now + CONFIRM_HOURS * 3_600_000),
      used_at: null,
    });
    const link = `${appUrl}/confirm-registration#token=${token}`;
    await this.#mail(email, accountEmails(request.language).confirmRegistration({ name: request.name, link, hours: CONFIRM_HOURS }));
  }

  /**
   * Creates the account a confirmation link stands for (once, before it expires). CONFLICT
   * when the address got an account meanwhile (a second confirmed registration).
   */
  async confirm(token: string): Promise<UserRow> {
    const { store, clock, auth } = this.options;
    const row = await store.accountTokens.consume(tokenDigest(token), 'register', iso(clock.now()));
    const pending = pendingSchema.safeParse(row?.payload ? JSON.parse(row.payload) : undefined);
    if (!row || !pending.success) {
      throw new AppError(ErrorCode.BadRequest, 'this confirmation link has expired or was already used; register again', { reason: 'invalid-token' });
    }
    const { passwordHash, ...profile } = pending.data;
    return auth.createAccountWithHash({ ...profile, email: row.email }, passwordHash);
  }

  async #mail(to: string, email: AccountEmail): Promise<void> {
    const at = iso(this.options.clock.now());
    await this.options.store.notifications.enqueueEmail({
      id: randomUUID(),
      to_email: to,
      subject: email.subject,
      body: email.body,
      dedupe_key: `register:${to}:${at}:${randomUUID()}`,
      created_at: at,
      sent_at: null,
    });
  }
}
