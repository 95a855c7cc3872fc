import { expect, type APIRequestContext } from '@playwright/test';

export type QueuedEmail = { subject: string; body: string };

/** The newest e-mail queued for `to` whose subject matches (the outbox, through the e2e server's test route), waiting for it. */
export async function latestEmail(request: APIRequestContext, to: string, subject: RegExp): Promise<QueuedEmail> {
  let found: QueuedEmail | undefined;
  await expect
    .poll(async () => {
      const res = await request.get(`/api/test/outbox?to=${encodeURIComponent(to)}`);
      found = ((await res.json()) as { emails: QueuedEmail[] }).emails.find((e) => subject.test(e.subject));
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

/** Registers through the API and opens the e-mailed confirmation link's token: `request`'s context is then signed in. */
export async function registerAndConfirm(
  request: APIRequestContext,
  account: { name: string; email: string; password: string; country: string; language: string; timeZone: string },
): Promise<void> {
  const res = await request.post('/api/auth/register', { data: account });
  expect(res.status(), await res.text()).toBe(202);
  const mail = await latestEmail(request, account.email, /Confirm your Cloud Appointment account|确认您的/);
  const token = /confirm-registration#token=([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1];
  expect(token).toBeTruthy();
  const confirmed = await request.post('/api/auth/register/confirm', { data: { token } });
  expect(confirmed.status(), await confirmed.text()).toBe(201);
}
