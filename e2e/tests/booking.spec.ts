import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Appointment } from '@ca/signaling';
import { setServerClock } from '../support/api.js';
import { framesDecoded, instrumentWebRtc } from '../support/webrtc.js';

const guestAccount = { email: 'guest@example.com', password: 'guest-demo-2026', name: 'Gabriel Guest' };
const exhibitorAccount = { email: 'exhibitor@example.com', password: 'exhibitor-demo-2026', name: 'Wang Fang' };

type Person = { context: BrowserContext; page: Page };

async function person(browser: Browser, options: { timezoneId: string; locale: string }): Promise<Person> {
  const context = await browser.newContext(options);
  await instrumentWebRtc(context);
  return { context, page: await context.newPage() };
}

/** The local wall time "HH:mm" as a person in `zone` reads it, in 24-hour digits (locale-independent check). */
function hourMinute(iso: string, zone: string): { hour: number; minute: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    new Date(iso),
  );
  return { hour: Number(parts.find((p) => p.type === 'hour')?.value), minute: parts.find((p) => p.type === 'minute')?.value ?? '' };
}

test.describe('booking a meeting across time zones', () => {
  test.describe.configure({ timeout: 180_000 });

  test('a guest in Los Angeles books, the exhibitor in Shanghai accepts in Chinese at Shanghai time, and both meet at the time', async ({
    browser,
    request,
  }) => {
    const guest = await person(browser, { timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    const exhibitor = await person(browser, { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
    try {
      // The guest signs in and books the first free time at Shenzhen Photonics.
      await guest.page.goto('/login');
      await guest.page.getByLabel('Email').fill(guestAccount.email);
      await guest.page.getByLabel('Password').fill(guestAccount.password);
      await guest.page.getByRole('button', { name: 'Sign in' }).click();
      await expect(guest.page.getByRole('button', { name: 'Sign out' })).toBeVisible();

      await guest.page.goto('/expo');
      await guest.page.getByRole('article', { name: 'Shenzhen Photonics' }).getByRole('link', { name: 'View booth' }).click();
      await guest.page.getByLabel('Representative').selectOption({ label: 'Wang Fang · Sales engineer' });
      const times = guest.page.getByRole('radiogroup', { name: 'Available times' }).getByRole('radio');
      await expect(times.first()).toBeVisible({ timeout: 20_000 });
      await times.first().check();
      await guest.page.getByRole('button', { name: 'Book this time' }).click();
      await expect(guest.page.getByText('Meeting requested')).toBeVisible();

      const mine = (await (await guest.page.request.get('/api/appointments')).json()) as { appointments: Appointment[] };
      const booked = mine.appointments.find((a) => a.boothName === 'Shenzhen Photonics');
      expect(booked, 'the booking is listed').toBeDefined();
      const appointment = booked!;
      expect(appointment.status).toBe('requested');
      expect(appointment.guest.timeZone).toBe('America/Los_Angeles');
      expect(appointment.staff).toMatchObject({ name: exhibitorAccount.name, timeZone: 'Asia/Shanghai' });
      // The server's local times agree with what the tz database says for each zone.
      const la = hourMinute(appointment.start, 'America/Los_Angeles');
      const sh = hourMinute(appointment.start, 'Asia/Shanghai');
      expect(appointment.guest.local.time).toBe(`${String(la.hour).padStart(2, '0')}:${la.minute}`);
      expect(appointment.staff.local.time).toBe(`${String(sh.hour).padStart(2, '0')}:${sh.minute}`);

      // The exhibitor, in Shanghai with a Chinese browser, sees the request at Shanghai time and accepts it.
      await exhibitor.page.goto('/login');
      await exhibitor.page.getByLabel('电子邮箱').fill(exhibitorAccount.email);
      await exhibitor.page.getByLabel('密码').fill(exhibitorAccount.password);
      await exhibitor.page.getByRole('button', { name: '登录' }).click();
      await expect(exhibitor.page.getByRole('button', { name: '退出登录' })).toBeVisible();
      await exhibitor.page.goto('/exhibitor');
      const requests = exhibitor.page.getByRole('region', { name: '预约请求' });
      const request1 = requests.getByRole('article').filter({ hasText: guestAccount.name });
      await expect(request1).toBeVisible();
      await expect(request1).toContainText(`${sh.hour}:${sh.minute}`);
      // The request waits for *her* answer (not "the exhibitor has not confirmed yet").
      await expect(request1).toContainText('此请求正在等待您的答复。');
      await request1.getByRole('button', { name: '接受' }).click();
      await expect(requests.getByRole('article').filter({ hasText: guestAccount.name })).toHaveCount(0);

      // The guest sees it confirmed, at Los Angeles time, but cannot join yet.
      await guest.page.goto('/appointments');
      const card = guest.page.getByRole('article', { name: /Meeting with/ }).filter({ hasText: 'Shenzhen Photonics' });
      await expect(card).toContainText('Confirmed');
      await expect(card).toContainText(`${la.hour % 12 || 12}:${la.minute}`);
      await expect(card.getByRole('button', { name: 'Join', exact: true })).toBeDisabled();

      // Five minutes before the start (the server's clock moves; the browsers follow it through the API).
      await setServerClock(request, new Date(Date.parse(appointment.start) - 5 * 60_000).toISOString());

      await guest.page.reload();
      await card.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(guest.page).toHaveURL(new RegExp(`/meet/appt-${appointment.id}$`));
      await expect(guest.page.getByLabel('Your name')).toHaveValue(guestAccount.name);
      await guest.page.getByRole('button', { name: 'Join', exact: true }).click();
      // The room is named after the meeting, never its room id, in the page and the tab.
      await expect(guest.page.getByRole('heading', { level: 1 })).toHaveText('Meeting with Wang Fang, Shenzhen Photonics');
      await expect(guest.page).toHaveTitle('Meeting with Wang Fang, Shenzhen Photonics · Cloud Appointment');

      await exhibitor.page.goto('/appointments');
      const staffCard = exhibitor.page.getByRole('article').filter({ hasText: guestAccount.name });
      await staffCard.getByRole('button', { name: '加入会议' }).click();
      await expect(exhibitor.page).toHaveURL(new RegExp(`/meet/appt-${appointment.id}$`));
      await exhibitor.page.getByRole('button', { name: '加入', exact: true }).click();

      await expect(guest.page.getByRole('figure', { name: exhibitorAccount.name, exact: true })).toBeVisible();
      await expect(exhibitor.page.getByRole('figure', { name: guestAccount.name, exact: true })).toBeVisible();
      for (const page of [guest.page, exhibitor.page]) {
        await expect.poll(async () => Math.max(0, ...(await framesDecoded(page))), { timeout: 30_000 }).toBeGreaterThan(0);
      }
    } finally {
      await setServerClock(request, new Date().toISOString());
      await guest.context.close();
      await exhibitor.context.close();
    }
  });

  test("an appointment meeting room refuses someone without the appointment's link", async ({ page }) => {
    await page.goto('/meet/appt-00000000-0000-4000-8000-000000000000');
    await page.getByLabel('Your name').fill('Mallory');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Leave' })).toHaveCount(0);
  });
});
