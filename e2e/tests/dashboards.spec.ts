import { expect, test, type BrowserContext, type Locator } from '@playwright/test';
import type { Appointment, Booth, BoothAnalytics, ExpoEvent } from '@ca/signaling';
import { setServerClock } from '../support/api.js';
import { bookWith, boothNamed, csrfOf } from '../support/booking.js';
import {
  englishExhibitorAccount as exhibitorAccount,
  englishExhibitorBooth,
  newPerson,
  organizerAccount,
  pressJoin,
  registerGuest,
  signInAs,
} from '../support/people.js';

/** The headline number under `label` in a dashboard's figures. */
const figure = (scope: Locator, label: string) =>
  scope
    .locator('.figures__item')
    .filter({ hasText: new RegExp(`^${label}`) })
    .locator('dd');

test.describe('dashboards', () => {
  test.describe.configure({ timeout: 120_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async ({ request }) => {
    await setServerClock(request, new Date().toISOString());
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test("the organizer's live view counts a booth meeting starting and ending, without a reload", async ({ browser, request }) => {
    const organizer = await newPerson(browser, 'Olivia Organizer', contexts);
    await signInAs(organizer, organizerAccount);
    const exhibitor = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(exhibitor, exhibitorAccount);
    const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
    const booth = booths.find((b) => b.organisation === englishExhibitorBooth)!;

    await organizer.page.goto('/organizer/dashboard');
    const live = organizer.page.getByRole('region', { name: 'Live now' });
    const inMeetings = figure(live, 'In meetings');
    await expect(inMeetings).toHaveText(/^\d+$/);
    const before = Number(await inMeetings.textContent());

    await exhibitor.page.goto(`/booths/${booth.id}`);
    await exhibitor.page.getByRole('button', { name: 'Start booth meeting' }).click();
    await expect(exhibitor.page).toHaveURL(new RegExp(`/meet/booth-${booth.id}$`));
    await pressJoin(exhibitor.page);
    await expect(exhibitor.page.getByRole('button', { name: 'Leave' })).toBeVisible();

    // The live view polls every 5 s: the meeting shows up on the organizer's open page.
    await expect(inMeetings).toHaveText(String(before + 1), { timeout: 15_000 });
    await expect(figure(live, 'Open rooms')).not.toHaveText('0');
    await live.getByText('Show as table').click();
    const hall = events[0]!.halls.find((h) => h.id === booth.hallId)!;
    await expect(live.getByRole('row', { name: new RegExp(hall.name) })).toBeVisible();

    await exhibitor.page.getByRole('button', { name: 'Leave' }).click();
    await expect(inMeetings).toHaveText(String(before), { timeout: 15_000 });
  });

  test('an exhibitor sees a no-show and a shared card on the booth dashboard, with charts and their tables', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Dana Dashboard', contexts);
    await registerGuest(guest, { timeZone: 'Asia/Tokyo', country: 'JP', language: 'en' });
    const exhibitor = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(exhibitor, exhibitorAccount);
    const booth = await boothNamed(request, englishExhibitorBooth);
    const numbers = async () => ((await (await exhibitor.context.request.get(`/api/booths/${booth.id}/analytics`)).json()) as BoothAnalytics).totals;
    const before = await numbers();

    // Booked, accepted, a card shared; then nobody comes: ten minutes after the start it is a no-show.
    const appointment = await bookWith({ guest, staff: exhibitor, booth, answer: 'confirm' });
    const guestCsrf = await csrfOf(guest);
    const shared = await guest.context.request.put(`/api/appointments/${appointment.id}/contact-card`, {
      data: { card: { name: 'Dana Dashboard', company: 'Kyoto Optics' }, consent: true },
      headers: { 'x-csrf-token': guestCsrf },
    });
    expect(shared.status()).toBe(200);
    await setServerClock(request, new Date(Date.parse(appointment.start) + 11 * 60_000).toISOString());
    await expect
      .poll(async () => ((await (await exhibitor.context.request.get(`/api/appointments/${appointment.id}`)).json()) as Appointment).status, {
        timeout: 20_000,
      })
      .toBe('no_show');

    // The guest's visit to the booth page is counted (once per tab session).
    await guest.page.goto(`/booths/${booth.id}`);
    await expect(guest.page.getByRole('heading', { level: 1, name: englishExhibitorBooth })).toBeVisible();
    await expect.poll(async () => (await numbers()).visits).toBe(before.visits + 1);
    await guest.page.reload();
    await expect(guest.page.getByRole('heading', { level: 1, name: englishExhibitorBooth })).toBeVisible();

    await exhibitor.page.goto('/exhibitor');
    await exhibitor.page.getByRole('link', { name: 'Open the dashboard' }).click();
    await expect(exhibitor.page).toHaveURL(/\/exhibitor\/dashboard$/);
    const dashboard = exhibitor.page.getByRole('region', { name: `Numbers for ${englishExhibitorBooth}` });
    await expect(figure(dashboard, 'No-shows')).toHaveText(String(before.noShows + 1));
    await expect(figure(dashboard, 'Contact cards shared')).toHaveText(String(before.cardsShared + 1));
    await expect(figure(dashboard, 'Page visits')).toHaveText(String(before.visits + 1));
    // Each chart is drawn on a canvas and readable as a table.
    await expect(dashboard.getByRole('img', { name: 'Day by day' })).toBeVisible();
    await expect(dashboard.getByRole('img', { name: 'Leads by rating' })).toBeVisible();
    const leads = dashboard.getByRole('figure', { name: 'Leads by rating' });
    await leads.getByText('Show as table').click();
    await expect(leads.getByRole('row', { name: /Not rated yet/ })).toContainText(String(before.leads.unrated + 1));

    // A range that ends before it starts is refused at the field and changes nothing.
    await dashboard.getByLabel('From', { exact: true }).fill('2030-01-10');
    await dashboard.getByLabel('To', { exact: true }).fill('2030-01-01');
    await expect(dashboard.getByText('The end date is before the start date.')).toBeVisible();
    await expect(figure(dashboard, 'No-shows')).toHaveText(String(before.noShows + 1));
  });
});
