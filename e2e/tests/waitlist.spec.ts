import { expect, test, type BrowserContext } from '@playwright/test';
import type { Appointment, AvailabilityDto, Booth, ExpoEvent } from '@ca/signaling';
import { newPerson, registerGuest, signInAs } from '../support/people.js';

const sato = { email: 'sato.yuki@example.com', password: 'exhibitor-demo-2026' };

test.describe('the waitlist', () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('a guest waits for a fully booked day from the booth page, is offered the cancelled time and books it in one click', async ({
    browser,
    request,
  }) => {
    const staff = await newPerson(browser, 'Sato Yuki', contexts);
    const staffCsrf = await signInAs(staff, sato);
    const headers = { 'x-csrf-token': staffCsrf };
    const { staff: mine } = (await (await staff.context.request.get('/api/staff/me')).json()) as { staff: { id: string }[] };
    const staffId = mine[0]!.id;
    const original = (await (await staff.context.request.get(`/api/staff/${staffId}/availability`)).json()) as AvailabilityDto;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(Date.now() + 4 * 86_400_000);
    const start = new Date(`${day}T11:00:00+09:00`).toISOString();
    // One 30-minute meeting that day, nothing else: put back afterwards.
    const narrowed = await staff.context.request.put(`/api/staff/${staffId}/availability`, {
      data: {
        ...original,
        weekly: [],
        exceptions: [{ date: day, ranges: [{ start: '11:00', end: '11:30' }] }],
        meetingLengths: [30],
        bufferMinutes: 0,
      },
      headers,
    });
    expect(narrowed.status(), await narrowed.text()).toBe(200);
    try {
      const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
      const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
      const booth = booths.find((b) => b.organisation === 'Kyoto Precision Tools')!;

      const first = await newPerson(browser, 'Ann Early', contexts);
      await registerGuest(first, { timeZone: 'Asia/Tokyo', country: 'JP', language: 'en' });
      const firstCsrf = ((await (await first.context.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
      const booked = await first.context.request.post('/api/appointments', {
        data: { boothId: booth.id, start, staffId },
        headers: { 'x-csrf-token': firstCsrf },
      });
      expect(booked.status(), await booked.text()).toBe(201);
      const appointment = (await booked.json()) as Appointment;

      // Ben waits for that day from the booth page.
      const ben = await newPerson(browser, 'Ben Wait', contexts);
      await registerGuest(ben, { timeZone: 'Asia/Tokyo', country: 'JP', language: 'en' });
      await ben.page.goto(`/booths/${booth.id}`);
      const waitlist = ben.page.getByRole('form', { name: 'No time that suits you?' });
      await waitlist.getByLabel('Day', { exact: true }).fill(day);
      await waitlist.getByRole('button', { name: 'Join the waitlist' }).click();
      await expect(waitlist.getByRole('status')).toContainText('You are on the waitlist for');

      // Ann cancels: the time is offered to Ben, who books it from My appointments.
      const cancelled = await first.context.request.patch(`/api/appointments/${appointment.id}`, {
        data: { action: 'cancel' },
        headers: { 'x-csrf-token': firstCsrf },
      });
      expect(cancelled.status()).toBe(200);
      await ben.page.goto('/appointments');
      const section = ben.page.getByRole('region', { name: 'Waitlist' });
      await expect(section.getByText(/^A time at Kyoto Precision Tools is free for you: /)).toBeVisible();
      await section.getByRole('button', { name: 'Book it' }).click();
      await expect(ben.page.getByRole('region', { name: 'Waitlist' })).toHaveCount(0);
      await expect(ben.page.getByRole('article', { name: /Sato Yuki/ })).toContainText('Kyoto Precision Tools');
    } finally {
      await staff.context.request.put(`/api/staff/${staffId}/availability`, { data: original, headers });
    }
  });
});
