import { expect, test, type BrowserContext } from '@playwright/test';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { setServerClock } from '../support/api.js';
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
    const guestCsrf = ((await (await guest.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
    const wang = await newPerson(browser, exhibitorAccount.name, contexts);
    const wangCsrf = await signInAs(wang, exhibitorAccount);
    const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
    const booth = booths.find((b) => b.organisation === 'Shenzhen Photonics')!;
    const { staff } = (await (await wang.context.request.get('/api/staff/me')).json()) as { staff: { id: string }[] };
    const from = Date.now() + 24 * 3600_000;
    const query = new URLSearchParams({
      from: new Date(from).toISOString(),
      to: new Date(from + 3 * 24 * 3600_000).toISOString(),
      staffId: staff[0]!.id,
    });
    const { slots } = (await (await guest.context.request.get(`/api/booths/${booth.id}/slots?${query}`)).json()) as SlotsResponse;
    const booked = await guest.context.request.post('/api/appointments', {
      data: { boothId: booth.id, start: slots[0]!.start, staffId: staff[0]!.id },
      headers: { 'x-csrf-token': guestCsrf },
    });
    expect(booked.status(), await booked.text()).toBe(201);
    const appointment = (await booked.json()) as Appointment;
    const confirmed = await wang.context.request.patch(`/api/appointments/${appointment.id}`, {
      data: { action: 'confirm' },
      headers: { 'x-csrf-token': wangCsrf },
    });
    expect(confirmed.status()).toBe(200);

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
