import { readFile } from 'node:fs/promises';
import { expect, test, type BrowserContext } from '@playwright/test';
import { newPerson, registerGuest } from '../support/people.js';

test.describe('your data', () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('a guest downloads their data, is refused with a wrong password, then deletes the account and cannot sign in', async ({ browser }) => {
    const guest = await newPerson(browser, 'Dora Delete', contexts);
    await registerGuest(guest, { timeZone: 'Europe/Vienna', country: 'AT', language: 'en' });
    const me = (await (await guest.context.request.get('/api/me')).json()) as { user: { email: string } };

    await guest.page.goto('/account');
    const data = guest.page.getByRole('region', { name: 'Your data' });
    const download = guest.page.waitForEvent('download');
    await data.getByRole('link', { name: 'Download my data' }).click();
    const file = JSON.parse(await readFile((await (await download).path())!, 'utf8')) as { profile: { name: string; email: string } };
    expect(file.profile).toMatchObject({ name: 'Dora Delete', email: me.user.email });

    await data.getByText('Delete my account').first().click();
    const remove = data.getByRole('button', { name: 'Delete my account' });
    await expect(remove).toBeDisabled();
    await data.getByLabel('Your password, to confirm').fill('not-my-password');
    await data.getByLabel('I understand this cannot be undone').check();
    await remove.click();
    await expect(data.getByText('The current password is not right.')).toBeVisible();

    await data.getByLabel('Your password, to confirm').fill('a-long-test-password');
    await remove.click();
    await expect(guest.page).toHaveURL(/\/account-deleted$/);
    await expect(guest.page.getByRole('heading', { name: 'Your account has been deleted' })).toBeVisible();
    await expect(guest.page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    const again = await guest.context.request.post('/api/auth/login', { data: { email: me.user.email, password: 'a-long-test-password' } });
    expect(again.status()).toBe(401);
  });
});
