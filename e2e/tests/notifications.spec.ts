import { expect, test, type APIRequestContext, type BrowserContext } from '@playwright/test';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { exhibitorAccount, newPerson, registerGuest, signInAs, type Person } from '../support/people.js';

test.describe('notifications', () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  /** Books Wang Fang's n-th free time tomorrow or later for `guest`, and has Wang decline it. */
  async function declined(guest: Person, wang: Person, wangCsrf: string, request: APIRequestContext, n: number) {
    const csrf = ((await (await guest.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
    const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
    const booth = booths.find((b) => b.organisation === 'Shenzhen Photonics')!;
    const { staff } = (await (await wang.context.request.get('/api/staff/me')).json()) as { staff: { id: string }[] };
    const from = Date.now() + 3 * 24 * 3600_000;
    const query = new URLSearchParams({
      from: new Date(from).toISOString(),
      to: new Date(from + 3 * 24 * 3600_000).toISOString(),
      staffId: staff[0]!.id,
    });
    const { slots } = (await (await guest.context.request.get(`/api/booths/${booth.id}/slots?${query}`)).json()) as SlotsResponse;
    const booked = await guest.context.request.post('/api/appointments', {
      data: { boothId: booth.id, start: slots[n]!.start, staffId: staff[0]!.id },
      headers: { 'x-csrf-token': csrf },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    const appointment = (await booked.json()) as Appointment;
    const answer = await wang.context.request.patch(`/api/appointments/${appointment.id}`, {
      data: { action: 'decline' },
      headers: { 'x-csrf-token': wangCsrf },
    });
    expect(answer.status()).toBe(200);
  }

  test('a declined request rings the bell; the guest reads it in their language and marks it read', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Nadia Notice', contexts);
    await registerGuest(guest, { timeZone: 'America/Toronto', country: 'CA', language: 'en' });
    const wang = await newPerson(browser, exhibitorAccount.name, contexts);
    const wangCsrf = await signInAs(wang, exhibitorAccount);
    await guest.page.goto('/expo');
    await expect(guest.page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

    await declined(guest, wang, wangCsrf, request, 0);
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
    const wangCsrf = await signInAs(wang, exhibitorAccount);
    await declined(guest, wang, wangCsrf, request, 12);
    await declined(guest, wang, wangCsrf, request, 24);
    await guest.page.goto('/notifications');
    await expect(guest.page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(guest.page.getByRole('link', { name: 'الإشعارات، إشعاران غير مقروءين' })).toBeVisible();
    await expect(guest.page.getByRole('listitem').filter({ hasText: 'تعذّر على Wang Fang' })).toHaveCount(2);
    await guest.page.getByRole('button', { name: 'تعليم الكل كمقروء' }).click();
    await expect(guest.page.getByRole('link', { name: 'الإشعارات', exact: true })).toBeVisible();
  });
});
