import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { setServerClock } from '../support/api.js';
import { newPerson, registerGuest, tilesOf, type Person } from '../support/people.js';
import { enterStage, keynoteSoon } from '../support/stage.js';
import { bytesSent, decodingVideos } from '../support/webrtc.js';

/** Marks the page; the mark survives everything but a reload. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { breakoutMark: 'still here' }));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { breakoutMark?: string }).breakoutMark);

test.describe('breakout rooms on a stage', () => {
  test.describe.configure({ timeout: 240_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async ({ request }) => {
    await setServerClock(request, new Date().toISOString());
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('the moderator splits the audience into a room, messages it, visits and calls everyone back; nobody reloads', async ({ browser, request }) => {
    const moderator = await newPerson(browser, 'Olivia Organizer', contexts);
    const { title } = await keynoteSoon(moderator, request, 'Breakout workshop', 11);
    await enterStage(moderator.page, title, 'Open stage');

    const viewers: Person[] = [];
    for (const name of ['Ana Attendee', 'Bo Attendee']) {
      const viewer = await newPerson(browser, name, contexts);
      await registerGuest(viewer);
      await enterStage(viewer.page, title, 'Watch');
      await expect(tilesOf(viewer.page, 'Olivia Organizer')).toBeVisible();
      await mark(viewer.page);
      viewers.push(viewer);
    }
    const [ana, bo] = viewers as [Person, Person];

    // One room, everyone in it, ten minutes.
    const panel = moderator.page.getByRole('region', { name: 'Breakout rooms' });
    await panel.getByLabel('Number of rooms').fill('1');
    await panel.getByLabel('Spread everyone evenly').check();
    await panel.getByLabel('Time limit in minutes (optional)').fill('10');
    await panel.getByRole('button', { name: 'Open breakout rooms' }).click();
    await expect(panel.getByRole('region', { name: 'Room 1' }).getByText('2 people')).toBeVisible();

    // In the room the two attendees speak and see each other; the moderator (main room) is not there.
    for (const [me, other] of [
      [ana, bo],
      [bo, ana],
    ] as const) {
      await expect(me.page.getByTestId('breakout-where')).toContainText('You are in breakout Room 1.');
      await expect(me.page.getByTestId('breakout-where')).toContainText(/\d:\d\d left/);
      await expect(tilesOf(me.page, other.name)).toBeVisible({ timeout: 20_000 });
      await expect(tilesOf(me.page, 'Olivia Organizer')).toHaveCount(0);
      await expect.poll(() => bytesSent(me.page), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => decodingVideos(me.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    }
    await expect(tilesOf(moderator.page, 'Ana Attendee')).toHaveCount(0);

    // Chat stays in the room.
    await ana.page.getByRole('textbox', { name: 'Message' }).fill('Hello room one');
    await ana.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(bo.page.getByRole('log').getByText('Hello room one')).toBeVisible();
    await expect(moderator.page.getByRole('log').getByText('Hello room one')).toHaveCount(0);

    // A message to all rooms.
    await panel.getByLabel('Message to all rooms').fill('Two minutes left, please wrap up');
    await panel.getByRole('button', { name: 'Send to all rooms' }).click();
    for (const viewer of viewers) {
      await expect(viewer.page.getByTestId('breakout-broadcast')).toContainText('Message from Olivia Organizer: Two minutes left, please wrap up');
    }

    // The moderator visits the room and is seen there, then goes back.
    await panel.getByRole('button', { name: 'Go to Room 1' }).click();
    await expect(tilesOf(ana.page, 'Olivia Organizer')).toBeVisible({ timeout: 20_000 });
    await expect(tilesOf(moderator.page, 'Bo Attendee')).toBeVisible({ timeout: 20_000 });
    await expect(moderator.page.getByRole('log').getByText('Hello room one')).toBeVisible();
    await panel.getByRole('button', { name: 'Back to the main room' }).click();
    await expect(tilesOf(ana.page, 'Olivia Organizer')).toHaveCount(0);

    // Everyone back: the attendees watch again (nothing to send), the room is gone.
    await panel.getByRole('button', { name: 'Call everyone back' }).click();
    for (const viewer of viewers) {
      await expect(viewer.page.getByText('You are back in the main room.')).toBeVisible();
      await expect(viewer.page.getByTestId('breakout-where')).toHaveCount(0);
      await expect(tilesOf(viewer.page, 'Olivia Organizer')).toBeVisible();
      await expect(viewer.page.getByRole('button', { name: 'Mute microphone' })).toHaveCount(0);
      expect(await marked(viewer.page)).toBe('still here');
    }
    await expect(panel.getByRole('button', { name: 'Open breakout rooms' })).toBeVisible();
  });
});
