import type { Appointment, Booth, ExpoEvent } from '@ca/signaling';
import type { BrowserContext, Page } from '@playwright/test';
import { setServerClock } from '../support/api.js';
import { expect, test, uniqueRoom } from '../support/meeting.js';
import { exhibitorAccount, newPerson, pressJoin, registerGuest, signInAs } from '../support/people.js';
import { enterStage, keynoteSoon } from '../support/stage.js';
import { inboundStats } from '../support/webrtc.js';

/** Bytes received so far on each inbound audio stream of the page. */
const audioIn = async (page: Page) => (await inboundStats(page)).filter((s) => s.kind === 'audio');

test.describe('interpretation channels', () => {
  test('an interpreter opens a Spanish channel; a listener picks it, hears it over the lowered floor, and receives only that channel', async ({
    join,
  }) => {
    const room = uniqueRoom('interp');
    const speaker = await join(room, 'Speaker');
    const interpreter = await join(room, 'Ana');
    const listener = await join(room, 'Listener');

    // Before any channel: the listener receives the two microphones (floor) only.
    await expect(listener.getByText('No interpretation channel is live.')).toBeVisible();
    await expect.poll(async () => (await audioIn(listener)).length, { timeout: 15_000 }).toBe(2);

    const panel = interpreter.getByRole('region', { name: 'Interpretation' });
    await panel.getByText('Interpret into another language').click();
    await panel.getByLabel('Interpret into').selectOption({ label: 'Spanish' });
    await panel.getByRole('button', { name: 'Start interpreting' }).click();
    await expect(panel.getByText('You are interpreting into Spanish. Your microphone is off for the floor.')).toBeVisible();
    // Ana's floor microphone goes quiet while she interprets.
    await expect(listener.getByRole('figure', { name: 'Ana', exact: true })).toHaveAttribute('data-muted', 'true');

    const listening = listener.getByRole('region', { name: 'Interpretation' });
    await expect(listening.getByText('Live now: Spanish')).toBeVisible({ timeout: 15_000 });
    // Live but not chosen: not received.
    expect((await audioIn(listener)).length).toBe(2);

    await listening.getByLabel('Listen to').selectOption({ label: 'Spanish' });
    // The channel is received and flows; the floor plays at the ducked level.
    await expect.poll(async () => (await audioIn(listener)).length, { timeout: 15_000 }).toBe(3);
    const first = (await audioIn(listener)).reduce((s, a) => s + a.bytesReceived, 0);
    await expect.poll(async () => (await audioIn(listener)).reduce((s, a) => s + a.bytesReceived, 0), { timeout: 10_000 }).toBeGreaterThan(first);
    await expect(listening.locator('audio')).toHaveCount(1);
    await expect(listener.locator('.tile audio[data-volume="0.2"]').first()).toBeAttached();
    await listening.getByLabel('Floor volume under the interpreter').fill('50');
    await expect(listener.locator('.tile audio[data-volume="0.5"]').first()).toBeAttached();

    // Back to the floor: full volume, the channel's player goes.
    await listening.getByLabel('Listen to').selectOption({ label: 'Floor (original)' });
    await expect(listening.locator('audio')).toHaveCount(0);
    await expect(listener.locator('.tile audio[data-volume="1"]').first()).toBeAttached();

    // Ana stops: the channel is no longer live anywhere.
    await panel.getByRole('button', { name: 'Stop interpreting' }).click();
    await expect(listening.getByText('No interpretation channel is live.')).toBeVisible({ timeout: 15_000 });
    // …and her floor microphone is back on.
    await expect(listener.getByRole('figure', { name: 'Ana', exact: true })).not.toHaveAttribute('data-muted', 'true');
    await expect(speaker.getByText('No interpretation channel is live.')).toBeVisible();
  });

  test.describe('asked for at booking', () => {
    const contexts: BrowserContext[] = [];
    test.afterEach(async ({ request }) => {
      await setServerClock(request, new Date().toISOString());
      await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
    });

    test('a guest books with an interpreter into Spanish, the booth assigns Chen Jie, and in the room the guest hears his channel without choosing it', async ({
      browser,
      request,
    }) => {
      const guest = await newPerson(browser, 'Lucía Pérez', contexts);
      await registerGuest(guest, { timeZone: 'Europe/Madrid', country: 'ES', language: 'en' });
      const wang = await newPerson(browser, exhibitorAccount.name, contexts);
      const wangCsrf = await signInAs(wang, exhibitorAccount);
      const chen = await newPerson(browser, 'Chen Jie', contexts);
      await signInAs(chen, { email: 'chen.jie@example.com', password: exhibitorAccount.password });
      const { events } = (await (await request.get('/api/events')).json()) as { events: ExpoEvent[] };
      const { booths } = (await (await request.get(`/api/events/${events[0]!.id}/booths`)).json()) as { booths: Booth[] };
      const booth = booths.find((b) => b.organisation === 'Shenzhen Photonics')!;

      // Booking through the page, with the interpreter asked for.
      await guest.page.goto(`/booths/${booth.id}`);
      const booking = guest.page.getByRole('region', { name: 'Book a meeting' });
      await booking.getByRole('radiogroup', { name: 'Available times' }).getByRole('radio').first().click();
      await booking.getByLabel('I need an interpreter').check();
      await booking.getByLabel('Interpreter into').selectOption({ label: 'Spanish' });
      await booking.getByRole('button', { name: 'Book this time' }).click();
      await expect(guest.page.getByRole('heading', { name: 'Meeting requested' })).toBeVisible();
      await guest.page.goto('/appointments');
      await expect(guest.page.getByText('Interpreter into Spanish requested; not assigned yet.')).toBeVisible();
      const { appointments } = (await (await guest.context.request.get('/api/appointments')).json()) as { appointments: Appointment[] };
      const appointment = appointments.find((a) => a.interpretation?.language === 'es')!;
      const confirmed = await wang.context.request.patch(`/api/appointments/${appointment.id}`, {
        data: { action: 'confirm' },
        headers: { 'x-csrf-token': wangCsrf },
      });
      expect(confirmed.status()).toBe(200);

      // Wang Fang (Chinese UI) assigns Chen Jie on the exhibitor page.
      await wang.page.goto('/exhibitor');
      await wang.page
        .getByRole('article', { name: /Lucía Pérez/ })
        .getByLabel('口译员')
        .selectOption({ label: 'Chen Jie' });
      await expect(wang.page.getByRole('article', { name: /Lucía Pérez/ })).toContainText('西班牙语口译员：Chen Jie');

      await setServerClock(request, new Date(Date.parse(appointment.start) - 60_000).toISOString());
      await guest.page.goto('/appointments');
      await expect(guest.page.getByText('Interpreter into Spanish: Chen Jie')).toBeVisible();
      await guest.page
        .getByRole('article', { name: /^Meeting with / })
        .getByRole('button', { name: 'Join', exact: true })
        .click();
      await pressJoin(guest.page);
      await chen.page.goto('/exhibitor');
      await chen.page
        .getByRole('article', { name: /Lucía Pérez/ })
        .getByRole('button', { name: '加入会议', exact: true })
        .click();
      await chen.page.getByRole('button', { name: '加入', exact: true }).click();
      const chenPanel = chen.page.getByRole('region', { name: '同声传译' });
      await expect(chenPanel.getByText('您是本次会议的西班牙语口译员。')).toBeVisible();
      await chenPanel.getByRole('button', { name: '开始传译为西班牙语' }).click();

      // The guest's room tunes to Spanish by itself, with the floor lowered.
      const panel = guest.page.getByRole('region', { name: 'Interpretation' });
      await expect(panel.getByLabel('Listen to')).toHaveValue('es', { timeout: 15_000 });
      await expect(panel.locator('audio')).toHaveCount(1);
      await expect(guest.page.locator('.tile audio[data-volume="0.2"]').first()).toBeAttached();
    });
  });

  test.describe('on a stage', () => {
    const contexts: BrowserContext[] = [];
    test.afterEach(async ({ request }) => {
      await setServerClock(request, new Date().toISOString());
      await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
    });

    test('the organizer assigns an interpreter into Spanish on the agenda; on the stage she interprets and a viewer hears her channel', async ({
      browser,
      request,
    }) => {
      const organizer = await newPerson(browser, 'Olivia Organizer', contexts);
      const { title } = await keynoteSoon(organizer, request, 'Interpreted keynote', 13);
      const ana = await newPerson(browser, 'Ana Intérprete', contexts);
      const anaEmail = await registerGuest(ana, { language: 'es', country: 'ES', timeZone: 'Europe/Madrid' });

      await organizer.page.goto('/organizer');
      const item = organizer.page.getByRole('region', { name: 'Agenda' }).getByRole('listitem').filter({ hasText: title });
      await item.getByText('Interpreters (0)').click();
      const form = item.getByRole('form', { name: `Add an interpreter to ${title}` });
      await form.getByLabel('Interprets into').selectOption({ label: 'Spanish' });
      await form.getByLabel('Their account e-mail').fill(anaEmail);
      await form.getByRole('button', { name: 'Assign interpreter' }).click();
      await expect(item.getByText('Interpreters (1)')).toBeVisible();
      await expect(item.getByText(anaEmail)).toBeVisible();

      await enterStage(organizer.page, title, 'Open stage');
      const viewer = await newPerson(browser, 'Vera Viewer', contexts);
      await registerGuest(viewer);
      await enterStage(viewer.page, title, 'Watch');

      // Ana (Spanish UI) is offered her channel only.
      await ana.page.goto('/expo');
      await ana.page.getByRole('article', { name: title }).getByRole('button').first().click();
      await ana.page.getByRole('button', { name: 'Unirse', exact: true }).click();
      const panel = ana.page.getByRole('region', { name: 'Interpretación' });
      await panel.getByRole('button', { name: 'Empezar a interpretar al español' }).click();
      await expect(panel.getByRole('status')).toBeVisible();
      await expect(panel.getByText('Interpretar a otro idioma')).toHaveCount(0);

      const listening = viewer.page.getByRole('region', { name: 'Interpretation' });
      await expect(listening.getByText('Live now: Spanish')).toBeVisible({ timeout: 20_000 });
      await listening.getByLabel('Listen to').selectOption({ label: 'Spanish' });
      await expect(listening.locator('audio')).toHaveCount(1, { timeout: 15_000 });
      const bytes = async () => (await audioIn(viewer.page)).reduce((s, a) => s + a.bytesReceived, 0);
      const first = await bytes();
      await expect.poll(bytes, { timeout: 15_000 }).toBeGreaterThan(first);
      // The interpreter is in the booth, not on the stage: no camera tile of hers.
      await expect(viewer.page.getByRole('figure', { name: 'Ana Intérprete', exact: true })).toHaveCount(0);
    });
  });
});
