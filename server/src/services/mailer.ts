import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { OutboxRow } from '../store/schema.js';
import { iso, type Clock } from './clock.js';

/** How long a claim on an e-mail keeps other mailers off it: far longer than one SMTP send takes. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** When a failed e-mail is tried again, and when it is given up (a dead letter). */
export type RetryPolicy = {
  /** Wait after the first failure; doubled after each further one. Default 1 minute. */
  baseDelayMs: number;
  /** Longest wait between two attempts. Default 6 hours. */
  maxDelayMs: number;
  /** Attempts before giving up. Default 10 (about 2.5 days with the defaults). */
  maxAttempts: number;
};

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 60_000, maxDelayMs: 6 * 3_600_000, maxAttempts: 10 };

/** The wait before attempt `attempts + 1`, after `attempts` failures (exponential, capped). */
export function retryDelay(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** An SMTP answer in the 5xx range (mailbox unknown, refused): trying again would not help. */
function permanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Delivers the e-mail outbox over SMTP when `SMTP_URL` is configured (for example
 * smtp://user:pass@mail.example.com:587). Without it the rows stay in the outbox table.
 * A row is marked sent only after the server accepted it; a failure is retried next round.
 * With several nodes on one database, each row is claimed atomically before it is sent,
 * so one node sends it; a claim older than `CLAIM_TIMEOUT_MS` (its node died while
 * sending) is taken over, so an e-mail may then go out twice, never not at all.
 * A failed send is tried again after an exponential backoff (`RetryPolicy`, on the service
 * clock); a permanent refusal (SMTP 5xx) or too many attempts make it a dead letter
 * (`failed_at`, `last_error`), so one address that always fails never holds up the others.
 */
export class OutboxMailer {
  /** This mailer's name in the outbox's `claimed_by`. */
  readonly claimant = randomUUID();
  readonly #transport: Transporter;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: { smtpUrl: string; from: string; retry?: RetryPolicy | undefined },
  ) {
    this.#transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
    this.#retry = options.retry ?? DEFAULT_RETRY;
  }

  readonly #retry: RetryPolicy;

  start(intervalMs = 15_000): void {
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#transport.close();
  }

  /** Sends every unsent row once; returns how many were delivered. Concurrent calls share one run. */
  flush(): Promise<number> {
    this.#running ??= this.#flush().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #flush(): Promise<number> {
    let sent = 0;
    const { notifications } = this.store;
    // Claims are leases between processes: they follow the real clock, not the (test-adjustable) service clock.
    const staleBefore = () => iso(Date.now() - CLAIM_TIMEOUT_MS);
    for (const row of await notifications.claimableEmails(staleBefore(), iso(this.clock.now()))) {
      const claim = { claimant: this.claimant, at: iso(Date.now()), staleBefore: staleBefore() };
      if (!(await notifications.claimEmail(row.id, claim))) continue; // another node sends it
      try {
        await this.#transport.sendMail({ to: row.to_email, subject: row.subject, text: row.body });
        await notifications.markEmailSent(row.id, iso(this.clock.now()));
        sent += 1;
      } catch (err) {
        await this.#failed(row, err).catch(() => notifications.releaseEmail(row.id, this.claimant).catch(() => undefined));
      }
    }
    return sent;
  }

  /** Schedules the next attempt of a failed e-mail, or gives it up. */
  async #failed(row: OutboxRow, err: unknown): Promise<void> {
    const error = err instanceof Error ? err.message : String(err);
    const attempts = row.attempts + 1;
    const now = this.clock.now();
    const dead = permanent(err) || attempts >= this.#retry.maxAttempts;
    await this.store.notifications.recordFailure(row.id, this.claimant, {
      attempts,
      nextAttemptAt: dead ? null : iso(now + retryDelay(attempts, this.#retry)),
      failedAt: dead ? iso(now) : null,
      error,
    });
    if (dead) this.log.warn({ err: error, outboxId: row.id, attempts }, 'e-mail given up (dead letter)');
    else this.log.warn({ err: error, outboxId: row.id, attempts }, 'e-mail not delivered; will retry');
  }
}
