import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { iso, type Clock } from './clock.js';

/**
 * Delivers the e-mail outbox over SMTP when `SMTP_URL` is configured (for example
 * smtp://user:pass@mail.example.com:587). Without it the rows stay in the outbox table.
 * A row is marked sent only after the server accepted it; a failure is retried next round.
 */
export class OutboxMailer {
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
    for (const row of await this.store.notifications.unsentEmails()) {
      try {
        await this.#transport.sendMail({ to: row.to_email, subject: row.subject, text: row.body });
        await this.store.notifications.markEmailSent(row.id, iso(this.clock.now()));
        sent += 1;
      } catch (err) {
        this.log.warn({ err: err instanceof Error ? err.message : String(err), outboxId: row.id }, 'e-mail not delivered; will retry');
      }
    }
    return sent;
  }
}
