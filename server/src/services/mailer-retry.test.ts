import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStore, migrate, type Store } from '../store/index.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../test-support/database.js';
import { silentLog } from '../test-support/media.js';
import { startSmtp, type TestSmtp } from '../test-support/smtp.js';
import { iso } from './clock.js';
import { OutboxMailer, retryDelay, type RetryPolicy } from './mailer.js';

const MINUTE = 60_000;
const policy: RetryPolicy = { baseDelayMs: MINUTE, maxDelayMs: 10 * MINUTE, maxAttempts: 4 };

describe(`outbox retries, backoff and dead letters on ${testEngine()}`, () => {
  let smtp: TestSmtp;
  let database: TestDatabase;
  let store: Store;
  let mailer: OutboxMailer;
  let now = Date.parse('2026-06-01T08:00:00.000Z');
  let serial = 0;
  const clock = { now: () => now };
  const enqueue = async (to: string) => {
    serial += 1;
    await store.notifications.enqueueEmail({
      id: `mail-${serial}`,
      to_email: to,
      subject: `Message ${serial}`,
      body: 'Hello',
      dedupe_key: `key-${serial}`,
      created_at: iso(now + serial),
      sent_at: null,
    });
    return `mail-${serial}`;
  };
  const row = async (id: string) => (await store.notifications.outbox()).find((r) => r.id === id)!;
  const offeredTo = (address: string) => smtp.offered.filter((a) => a === address).length;

  beforeAll(async () => {
    smtp = await startSmtp({
      refuse: (address) =>
        address.startsWith('full-mailbox@')
          ? { code: 452, message: 'mailbox full, try again later' }
          : address.startsWith('no-such-user@')
            ? { code: 550, message: 'no such user here' }
            : undefined,
    });
    database = await createTestDatabase();
    store = createStore(database.open());
    await migrate(store.db);
    mailer = new OutboxMailer(store, clock, silentLog, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'Cloud Appointment <no-reply@localhost>',
      retry: policy,
    });
  });
  afterAll(async () => {
    mailer?.stop();
    await store?.close();
    await database?.drop();
    await smtp?.close();
  });
  beforeEach(async () => {
    // Every test starts with an empty outbox: earlier tests' dead letters and waits stay out of the counts.
    await store.db.deleteFrom('outbox').execute();
    smtp.received.length = 0;
    smtp.offered.length = 0;
  });

  it('waits exponentially longer after each temporary refusal, then gives the e-mail up as a dead letter', async () => {
    const failing = await enqueue('full-mailbox@example.com');
    const waits: number[] = [];
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      expect(await mailer.flush()).toBe(0);
      const after = await row(failing);
      expect(after.attempts).toBe(attempt);
      expect(after.last_error).toMatch(/452/);
      expect(after.claimed_by).toBeNull();
      if (attempt < policy.maxAttempts) {
        waits.push(Date.parse(after.next_attempt_at!) - now);
        // Not due yet: a flush now does not even offer it to the server.
        expect(await mailer.flush()).toBe(0);
        expect(offeredTo('full-mailbox@example.com')).toBe(attempt);
        now = Date.parse(after.next_attempt_at!);
      }
    }
    expect(waits).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);
    const dead = await row(failing);
    expect(dead.failed_at).toBe(iso(now));
    expect(dead.next_attempt_at).toBeNull();
    now += 24 * 60 * MINUTE;
    expect(await mailer.flush()).toBe(0);
    expect(offeredTo('full-mailbox@example.com')).toBe(policy.maxAttempts);
    expect(dead.sent_at).toBeNull();
  });

  it('makes a permanent refusal (SMTP 5xx) a dead letter at once, and still delivers the e-mails queued after it', async () => {
    const unknown = await enqueue('no-such-user@example.com');
    const fine = await enqueue('someone@example.com');
    expect(await mailer.flush()).toBe(1);
    expect(await row(unknown)).toMatchObject({ attempts: 1, failed_at: iso(now), next_attempt_at: null });
    expect((await row(fine)).sent_at).not.toBeNull();
    expect(smtp.received.map((m) => m.to)).toEqual([['someone@example.com']]);
  });

  it('never lets one always-failing address hold up the others: 100 older e-mails to it fill no batch once refused', async () => {
    // The mailer takes the 100 oldest claimable e-mails per round.
    for (let i = 0; i < 100; i++) await enqueue('full-mailbox@example.com');
    const waiting = await enqueue('colleague@example.com');
    expect(await mailer.flush()).toBe(0);
    // The refused ones now wait their backoff; the next round reaches the newer e-mail at once.
    expect(await mailer.flush()).toBe(1);
    expect((await row(waiting)).sent_at).not.toBeNull();
    expect(smtp.received.map((m) => m.to)).toEqual([['colleague@example.com']]);
  });

  it('caps the backoff at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, policy))).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 10 * MINUTE, 10 * MINUTE]);
  });
});
