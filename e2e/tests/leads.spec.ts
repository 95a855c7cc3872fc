import { expect, test, type BrowserContext } from '@playwright/test';
import type { Appointment, Booth, ExpoEvent, SlotsResponse } from '@ca/signaling';
import { englishExhibitorAccount as exhibitorAccount, englishExhibitorBooth, newPerson, registerGuest, signInAs } from '../support/people.js';

test.describe('leads', () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('a guest shares a contact card; the exhibitor sees the lead, rates it hot, and downloads the CSV', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Chen Wei', contexts);
    await registerGuest(guest, { timeZone: 'Asia/Shanghai', country: 'CN', language: 'en' });
    const guestCsrf = ((await (await guest.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
    const exhibitor = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(exhibitor, exhibitorAccount);

    const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
    const booth = booths.find((b) => b.organisation === englishExhibitorBooth)!;
    const from = Date.now() + 24 * 3600_000;
    const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 5 * 24 * 3600_000).toISOString() });
    const { slots } = (await (await guest.context.request.get(`/api/booths/${booth.id}/slots?${query}`)).json()) as SlotsResponse;
    const booked = await guest.context.request.post('/api/appointments', {
      data: { boothId: booth.id, start: slots.at(-1)!.start, guestZone: 'Asia/Shanghai' },
      headers: { 'x-csrf-token': guestCsrf },
    });
    expect(booked.status()).toBe(201);
    const appointment = (await booked.json()) as Appointment;
    const shared = await guest.context.request.put(`/api/appointments/${appointment.id}/contact-card`, {
      data: { card: { name: '陈伟', email: 'chen.wei@example.cn', company: '华光科技' }, consent: true },
      headers: { 'x-csrf-token': guestCsrf },
    });
    expect(shared.status()).toBe(200);

    await exhibitor.page.goto('/exhibitor');
    const section = exhibitor.page.getByRole('region', { name: `Leads · ${englishExhibitorBooth}` });
    const lead = section.getByRole('listitem').filter({ hasText: '陈伟' });
    await expect(lead).toContainText('华光科技');
    await expect(lead).toContainText('chen.wei@example.cn');
    await lead.getByLabel('Rating').selectOption({ label: 'Hot' });
    await expect(lead.getByLabel('Rating')).toHaveValue('hot');
    // Saved on the server: a reload shows it too.
    await exhibitor.page.reload();
    await expect(section.getByRole('listitem').filter({ hasText: '陈伟' }).getByLabel('Rating')).toHaveValue('hot');

    const download = exhibitor.page.waitForEvent('download');
    await section.getByRole('link', { name: 'Download CSV' }).click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(file!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('陈伟');
    expect(csv).toContain('Hot');
  });

  test('a guest shares a card from My appointments, with consent and chosen fields, then withdraws it', async ({ browser, request }) => {
    const guest = await newPerson(browser, 'Amira Haddad', contexts);
    await registerGuest(guest, { timeZone: 'Asia/Riyadh', country: 'SA', language: 'en' });
    const guestCsrf = ((await (await guest.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
    const exhibitor = await newPerson(browser, exhibitorAccount.name, contexts);
    const staffCsrf = await signInAs(exhibitor, exhibitorAccount);
    const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
    const booth = booths.find((b) => b.organisation === englishExhibitorBooth)!;
    const from = Date.now() + 2 * 24 * 3600_000;
    const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 5 * 24 * 3600_000).toISOString() });
    const { slots } = (await (await guest.context.request.get(`/api/booths/${booth.id}/slots?${query}`)).json()) as SlotsResponse;
    const booked = await guest.context.request.post('/api/appointments', {
      data: { boothId: booth.id, start: slots.at(-2)!.start, guestZone: 'Asia/Riyadh' },
      headers: { 'x-csrf-token': guestCsrf },
    });
    expect(booked.status()).toBe(201);
    const appointment = (await booked.json()) as Appointment;
    const confirmed = await exhibitor.context.request.patch(`/api/appointments/${appointment.id}`, {
      data: { action: 'confirm' },
      headers: { 'x-csrf-token': staffCsrf },
    });
    expect(confirmed.status()).toBe(200);

    await guest.page.goto('/appointments');
    const card = guest.page.getByRole('article', { name: new RegExp(`${englishExhibitorBooth}`) }).filter({ hasText: 'Share my contact card' });
    await card.getByText('Share my contact card').click();
    const section = card.getByRole('region', { name: `Your contact card for ${englishExhibitorBooth}` });
    // Name and e-mail come from the profile; nothing goes before consent.
    await expect(section.getByLabel('Name', { exact: true })).toHaveValue('Amira Haddad');
    const share = section.getByRole('button', { name: 'Share with the booth' });
    await expect(share).toBeDisabled();
    await section.getByLabel('Company', { exact: true }).fill('شركة الرياض للبصريات');
    await section.getByLabel('Share E-mail').uncheck();
    await section.getByRole('checkbox', { name: /^I agree that / }).check();
    await share.click();
    await expect(section.getByText(/^Shared on /)).toBeVisible();
    await expect(section.getByRole('listitem')).toHaveText(['Name: Amira Haddad', 'Company: شركة الرياض للبصريات']);

    // The exhibitor sees exactly what was shared: no e-mail.
    await exhibitor.page.goto('/exhibitor');
    const lead = exhibitor.page
      .getByRole('region', { name: `Leads · ${englishExhibitorBooth}` })
      .getByRole('listitem')
      .filter({ hasText: 'Amira Haddad' });
    await expect(lead).toContainText('شركة الرياض للبصريات');
    await expect(lead).not.toContainText('@example.net');

    await section.getByRole('button', { name: 'Withdraw my card' }).click();
    await expect(section.getByText(/^You withdrew your card on /)).toBeVisible();
    await exhibitor.page.reload();
    await expect(exhibitor.page.getByText('Amira Haddad')).toHaveCount(0);
  });
});
