import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { iso, type Clock } from './clock.js';

/** How long a claim on an e-mail keeps other mailers off it: far longer than one SMTP send takes. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/**
 * Delivers the e-mail outbox over SMTP when `SMTP_URL` is configured (for example
 * smtp://user:pass@mail.example.com:587). Without it the rows stay in the outbox table.
 * A row is marked sent only after the server accepted it; a failure is retried next round.
 * With several nodes on one database, each row is claimed atomically before it is sent,
 * so one node sends it; a claim older than `CLAIM_TIMEOUT_MS` (its node died while
 * sending) is taken over, so an e-mail may then go out twice, never not at all.
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
    options: { smtpUrl: string; from: string },
  ) {
    this.#transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
  }

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
    for (const row of await notifications.claimableEmails(staleBefore())) {
      const claim = { claimant: this.claimant, at: iso(Date.now()), staleBefore: staleBefore() };
      if (!(await notifications.claimEmail(row.id, claim))) continue; // another node sends it
      try {
        await this.#transport.sendMail({ to: row.to_email, subject: row.subject, text: row.body });
        await notifications.markEmailSent(row.id, iso(this.clock.now()));
        sent += 1;
      } catch (err) {
        this.log.warn({ err: err instanceof Error ? err.message : String(err), outboxId: row.id }, 'e-mail not delivered; will retry');
        await notifications.releaseEmail(row.id, this.claimant).catch(() => undefined);
      }
    }
    return sent;
  }
}
