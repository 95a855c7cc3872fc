import { expect, test, type BrowserContext } from '@playwright/test';
import type { Appointment } from '@ca/signaling';
import { setServerClock } from '../support/api.js';
import { bookWith, boothNamed } from '../support/booking.js';
import { exhibitorAccount, newPerson, pressJoin, registerGuest, signInAs, tilesOf } from '../support/people.js';

/** Wang Fang's colleague at Shenzhen Photonics (Chinese profile). */
const colleague = { email: 'chen.jie@example.com', password: exhibitorAccount.password, name: 'Chen Jie' };

test.describe('no-show hand-off', () => {
  test.describe.configure({ timeout: 120_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async ({ request }) => {
    await setServerClock(request, new Date().toISOString());
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('the booked host does not come; a colleague takes the meeting from an alert in Chinese and the guest is told who is coming', async ({
    browser,
    request,
  }) => {
    const guest = await newPerson(browser, 'Harriet Handoff', contexts);
    await registerGuest(guest, { timeZone: 'Europe/London', country: 'GB', language: 'en' });
    const wang = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(wang, exhibitorAccount);
    const booth = await boothNamed(request, 'Shenzhen Photonics');
    const appointment = await bookWith({ guest, staff: wang, booth, answer: 'confirm' });

    // The guest is in the room a minute after the start; Wang Fang never comes.
    const start = Date.parse(appointment.start);
    await setServerClock(request, new Date(start + 60_000).toISOString());
    await guest.page.goto('/appointments');
    await guest.page
      .getByRole('article', { name: /^Meeting with / })
      .getByRole('button', { name: 'Join', exact: true })
      .click();
    await expect(guest.page).toHaveURL(new RegExp(`/meet/appt-${appointment.id}$`));
    await pressJoin(guest.page);
    await expect(guest.page.getByRole('button', { name: 'Leave' })).toBeVisible();

    await setServerClock(request, new Date(start + 4 * 60_000).toISOString());
    await expect(guest.page.getByText('Wang Fang has not joined yet. We have let the rest of the Shenzhen Photonics team know.')).toBeVisible({
      timeout: 15_000,
    });

    // Chen Jie, anywhere in the app (here: the expo), gets the alert in Chinese and takes the meeting in one click.
    const chen = await newPerson(browser, colleague.name, contexts);
    await signInAs(chen, colleague);
    await chen.page.goto('/expo');
    const alert = chen.page.getByRole('region', { name: '等待主持人的访客' });
    await expect(alert).toContainText('Harriet Handoff', { timeout: 20_000 });
    await alert.getByRole('button', { name: '接手此会议' }).click();
    await expect(chen.page).toHaveURL(new RegExp(`/meet/appt-${appointment.id}$`));
    await expect(guest.page.getByText('Chen Jie from Shenzhen Photonics is taking your meeting and is on the way.')).toBeVisible({ timeout: 15_000 });

    await chen.page.getByRole('button', { name: '加入', exact: true }).click();
    await expect(chen.page.getByRole('button', { name: '离开' })).toBeVisible();
    // The guest meets Chen Jie; the banner goes.
    await expect(tilesOf(guest.page, 'Chen Jie')).toHaveCount(1, { timeout: 15_000 });
    await expect(guest.page.getByText(/is taking your meeting/)).toHaveCount(0, { timeout: 15_000 });
    const after = (await (await guest.context.request.get(`/api/appointments/${appointment.id}`)).json()) as Appointment;
    expect(after.staff.name).toBe('Chen Jie');
  });
});
