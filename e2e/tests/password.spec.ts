import { expect, test, type APIRequestContext } from '@playwright/test';

const PASSWORD = 'a-long-test-password';

/** A fresh guest account through the API; its e-mail address. */
async function newAccount(request: APIRequestContext, name: string): Promise<string> {
  const email = `${name.toLowerCase()}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.net`;
  const res = await request.post('/api/auth/register', {
    data: { name, email, password: PASSWORD, country: 'DE', language: 'en', timeZone: 'Europe/Berlin' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return email;
}

/** The newest e-mail queued for `to` (the outbox, read through the e2e server's test route), waiting for it. */
async function latestEmail(request: APIRequestContext, to: string, subject: RegExp): Promise<{ body: string }> {
  let found: { subject: string; body: string } | undefined;
  await expect
    .poll(async () => {
      const res = await request.get(`/api/test/outbox?to=${encodeURIComponent(to)}`);
      found = ((await res.json()) as { emails: { subject: string; body: string }[] }).emails.find((e) => subject.test(e.subject));
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

test('a forgotten password is reset from the e-mailed link, once, and the new one signs in', async ({ page, browser }) => {
  // Registered (and so signed in) on another browser, which the reset signs out; this page is signed out.
  const laptop = await browser.newContext();
  const email = await newAccount(laptop.request, 'Greta');

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account uses this address');

  const mail = await latestEmail(page.request, email, /Reset your Cloud Appointment password/);
  const link = /https?:\/\/\S+\/reset-password#token=[A-Za-z0-9_-]{43}/.exec(mail.body)?.[0];
  expect(link).toBeTruthy();
  const { pathname, hash } = new URL(link!);
  await page.goto(`${pathname}${hash}`);
  await page.getByLabel('New password').fill('my-new-expo-password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is changed');
  expect((await laptop.request.get('/api/me')).status()).toBe(401);
  await laptop.close();

  // The link works once (opened again, as from the e-mail: a fresh page load).
  await page.goto('about:blank');
  await page.goto(`${pathname}${hash}`);
  await page.getByLabel('New password').fill('yet-another-password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText('expired or was already used');

  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('my-new-expo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: 'Account: Greta' })).toBeVisible();
});

test('the account page changes the password with the current one and signs other browsers out', async ({ page, browser }) => {
  const email = await newAccount(page.request, 'Hugo');
  const tablet = await browser.newContext();
  expect((await tablet.request.post('/api/auth/login', { data: { email, password: PASSWORD } })).status()).toBe(200);

  await page.goto('/');
  await page.getByRole('link', { name: 'Account: Hugo' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await page.getByLabel('Current password').fill('not-the-password');
  await page.getByLabel('New password').fill('hugos-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is not right.')).toBeVisible();
  expect((await tablet.request.get('/api/me')).status()).toBe(200);

  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('hugos-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is changed');
  expect((await tablet.request.get('/api/me')).status()).toBe(401);
  await tablet.close();
  // This browser stays signed in.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});
