import { expect, test, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { bookWith, boothNamed } from '../support/booking.js';
import { exhibitorAccount, newPerson, registerGuest, signInAs, type Person } from '../support/people.js';

test.describe('notifications', () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  /** `guest` books Wang Fang's n-th free time three days or more ahead; Wang declines it. */
  const declined = async (guest: Person, wang: Person, request: APIRequestContext, n: number) =>
    bookWith({ guest, staff: wang, booth: await boothNamed(request, 'Shenzhen Photonics'), answer: 'decline', daysAhead: 3, slotIndex: n });

  test('a declined request rings the bell; the guest reads it in their language and marks it read', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Nadia Notice', contexts);
    await registerGuest(guest, { timeZone: 'America/Toronto', country: 'CA', language: 'en' });
    const wang = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(wang, exhibitorAccount);
    await guest.page.goto('/expo');
    await expect(guest.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

    await declined(guest, wang, request, 0);
    await guest.page.reload();
    const bell = guest.page.getByRole('link', { name: 'Notifications, 1 unread' });
    await expect(bell).toBeVisible();
    await bell.click();
    await expect(guest.page).toHaveURL(/\/notifications$/);
    await expect(guest.page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    const item = guest.page.getByRole('listitem').filter({ hasText: 'could not take your meeting' });
    await expect(item).toContainText('Wang Fang (Shenzhen Photonics)');
    await expect(item).toContainText('(America/Toronto)');
    await item.getByRole('button', { name: 'Mark as read' }).click();
    await expect(guest.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
    await expect(guest.page.getByText('Nothing unread')).toBeVisible();
    await expect(item.getByText('New')).toHaveCount(0);
  });

  test('in Arabic the bell reads its count in Arabic, right to left, and "mark all" clears it', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Layla Haddad', contexts);
    await registerGuest(guest, { timeZone: 'Asia/Riyadh', country: 'SA', language: 'ar' });
    const wang = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(wang, exhibitorAccount);
    await declined(guest, wang, request, 12);
    await declined(guest, wang, request, 24);
    await guest.page.goto('/notifications');
    await expect(guest.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(guest.page.getByRole('link', { name: 'الإشعارات، إشعاران غير مقروءين' })).toBeVisible();
    await expect(guest.page.getByRole('listitem').filter({ hasText: 'تعذّر على Wang Fang' })).toHaveCount(2);
    await guest.page.getByRole('button', { name: 'تعليم الكل كمقروء' }).click();
    await expect(guest.page.getByRole('link', { name: 'الإشعارات', exact: true })).toBeVisible();
  });
});
