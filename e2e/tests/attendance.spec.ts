import { expect, test, type BrowserContext } from '@playwright/test';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { setServerClock } from '../support/api.js';
import {
  englishExhibitorAccount as exhibitorAccount,
  englishExhibitorBooth,
  newPerson,
  pressJoin,
  registerGuest,
  signInAs,
} from '../support/people.js';

test.describe('attendance and outcomes', () => {
  test.describe.configure({ timeout: 120_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async ({ request }) => {
    await setServerClock(request, new Date().toISOString());
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('the exhibitor sees a no-show from the meeting room, with who was missing, and corrects it', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Nora Noshow', contexts);
    await registerGuest(guest, { timeZone: 'Europe/Berlin', country: 'DE', language: 'en' });
    const guestCsrf = ((await (await guest.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
    const exhibitor = await newPerson(browser, exhibitorAccount.name, contexts);
    const staffCsrf = await signInAs(exhibitor, exhibitorAccount);

    // The guest books the exhibitor's first free time tomorrow; the exhibitor confirms.
    const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
    const booth = booths.find((b) => b.organisation === englishExhibitorBooth)!;
    const { staff } = (await (await exhibitor.context.request.get('/api/staff/me')).json()) as { staff: { id: string; boothId: string }[] };
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
    const confirmed = await exhibitor.context.request.patch(`/api/appointments/${appointment.id}`, {
      data: { action: 'confirm' },
      headers: { 'x-csrf-token': staffCsrf },
    });
    expect(confirmed.status()).toBe(200);

    // The exhibitor joins the meeting a minute early; the guest never comes. Ten minutes after the start it is a no-show.
    await setServerClock(request, new Date(Date.parse(appointment.start) - 60_000).toISOString());
    // The guest opens the meeting's pre-join screen (its connection test runs and is kept for the host), then leaves without joining.
    await guest.page.goto('/appointments');
    await guest.page
      .getByRole('article', { name: /^Meeting with / })
      .getByRole('button', { name: 'Join', exact: true })
      .click();
    await expect(guest.page).toHaveURL(new RegExp(`/meet/appt-${appointment.id}$`));
    await expect(guest.page.getByText(/^UDP: works$/)).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(async () => ((await (await guest.context.request.get(`/api/appointments/${appointment.id}`)).json()) as Appointment).connectionTest?.udp)
      .toBe('ok');
    await guest.page.close();

    await exhibitor.page.goto('/appointments');
    await expect(
      exhibitor.page.getByRole('article', { name: 'Meeting with Nora Noshow' }).getByText(/^Guest's connection test \(.*\): UDP works, TCP works$/),
    ).toBeVisible();
    await exhibitor.page.getByRole('article', { name: 'Meeting with Nora Noshow' }).getByRole('button', { name: 'Join', exact: true }).click();
    await expect(exhibitor.page).toHaveURL(new RegExp(`/meet/appt-${appointment.id}$`));
    await pressJoin(exhibitor.page);
    await expect(exhibitor.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    // The media server has counted the host in.
    await expect
      .poll(
        async () =>
          ((await (await exhibitor.context.request.get(`/api/appointments/${appointment.id}`)).json()) as Appointment).attendance?.staff?.leftAt,
        { timeout: 15_000 },
      )
      .toBeNull();

    await setServerClock(request, new Date(Date.parse(appointment.start) + 10 * 60_000).toISOString());
    const office = await exhibitor.context.newPage();
    await office.goto('/appointments');
    const card = office.getByRole('article', { name: 'Meeting with Nora Noshow' });
    await expect(card.getByText('No-show: the guest did not come.')).toBeVisible();
    await expect(card.getByText('from the meeting room')).toBeVisible();
    await card.getByRole('button', { name: 'Show attendance' }).click();
    // The guest never joined; the exhibitor has been in the meeting since a minute before the start.
    await expect(card.getByText('Did not join')).toHaveCount(1);
    await expect(card.getByText(/In the meeting since .*, 1[01] min so far/)).toBeVisible();

    // A correction by staff.
    await card.getByRole('button', { name: 'Correct: the meeting took place' }).click();
    await expect(card.getByText('Both of you attended.')).toBeVisible();
    await expect(card.getByText('set by the booth staff')).toBeVisible();
  });
});
