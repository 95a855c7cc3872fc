import { expect, test, type APIRequestContext } from '@playwright/test';
import { latestEmail, registerAndConfirm } from '../support/mail.js';

const PASSWORD = 'a-long-test-password';

/** A fresh guest account through the API (sign-up and the e-mailed confirmation): its e-mail address. */
async function newAccount(request: APIRequestContext, name: string): Promise<string> {
  const email = `${name.toLowerCase()}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.net`;
  await registerAndConfirm(request, { name, email, password: PASSWORD, country: 'DE', language: 'en', timeZone: 'Europe/Berlin' });
  return email;
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

test('signing up shows the same page for a new and a taken address, and the e-mailed link opens the new account', async ({ page, browser }) => {
  const taken = await newAccount((await browser.newContext()).request, 'Ines');
  const fresh = `jonas.${Date.now().toString(36)}@example.net`;
  const signUp = async (name: string, email: string) => {
    await page.goto('/register');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('jonas-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    return page.getByRole('status').textContent();
  };
  const forTaken = await signUp('Not Ines', taken);
  const forFresh = await signUp('Jonas', fresh);
  expect(forTaken?.replace(taken, '…')).toBe(forFresh?.replace(fresh, '…'));
  // The owner of the taken address is told by e-mail; the new address gets its link.
  await latestEmail(page.request, taken, /You already have a Cloud Appointment account/);
  const mail = await latestEmail(page.request, fresh, /Confirm your Cloud Appointment account/);
  const { pathname, hash } = new URL(/https?:\/\/\S+\/confirm-registration#token=[A-Za-z0-9_-]{43}/.exec(mail.body)![0]);
  await page.goto(`${pathname}${hash}`);
  await expect(page).toHaveURL(/\/expo$/);
  await expect(page.getByRole('link', { name: 'Account: Jonas' })).toBeVisible();
});
