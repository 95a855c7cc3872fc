import type { Store } from '../store/index.js';
import type { OutboxRow } from '../store/schema.js';

/** The outboxes of the platforms this test process started, by URL (startTestPlatform adds them). */
const outboxes = new Map<string, Store>();

export function trackOutbox(url: string, store: Store): () => void {
  outboxes.set(url, store);
  return () => outboxes.delete(url);
}

/**
 * The e-mails queued for `to` on the platform at `url`, newest first, waiting up to
 * `timeoutMs` until one matches `subject` (account e-mails are queued after the answer).
 */
export async function emailsTo(url: string, to: string, subject: RegExp, timeoutMs = 5000): Promise<Pick<OutboxRow, 'subject' | 'body'>[]> {
  const store = outboxes.get(url);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = store
      ? await store.db
          .selectFrom('outbox')
          .select(['subject', 'body'])
          .where('to_email', '=', to.toLowerCase())
          .orderBy('created_at', 'desc')
          .execute()
      : await overHttp(url, to);
    if (rows.some((r) => subject.test(r.subject)) || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A platform in another process (ALLOW_TEST_CLOCK=true): GET /api/test/outbox. */
async function overHttp(url: string, to: string): Promise<Pick<OutboxRow, 'subject' | 'body'>[]> {
  const res = await fetch(new URL(`/api/test/outbox?to=${encodeURIComponent(to)}`, url));
  if (!res.ok) throw new Error(`emailsTo: ${url} has no test routes (start it with ALLOW_TEST_CLOCK=true): ${res.status}`);
  return ((await res.json()) as { emails: Pick<OutboxRow, 'subject' | 'body'>[] }).emails;
}

/** The token of the newest confirmation link e-mailed to `to`. */
export async function confirmationToken(url: string, to: string): Promise<string> {
  // Generous: many sign-ups at once each hash a password (scrypt) before their e-mail is queued.
  const rows = await emailsTo(url, to, /^Confirm your Cloud Appointment account|^确认您的/, 30_000);
  const token = rows.map((r) => /confirm-registration#token=([A-Za-z0-9_-]{43})/.exec(r.body)?.[1]).find(Boolean);
  if (!token) throw new Error(`no confirmation e-mail to ${to}`);
  return token;
}
