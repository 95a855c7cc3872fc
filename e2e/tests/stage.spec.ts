import { expect, test, type BrowserContext } from '@playwright/test';
import { newPerson, registerGuest, tilesOf, type Person } from '../support/people.js';
import { enterStage, keynoteSoon } from '../support/stage.js';
import { bytesSent, decodingVideos } from '../support/webrtc.js';

test.describe('a stage session', () => {
  test.describe.configure({ timeout: 240_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('viewers see and hear the speaker and send nothing; one brought on stage is then seen by the others', async ({ browser, request }) => {
    const moderator = await newPerson(browser, 'Olivia Organizer', contexts);
    const { title } = await keynoteSoon(moderator, request, 'Photonics keynote', 10);

    await enterStage(moderator.page, title, 'Open stage');
    const viewers: Person[] = [];
    for (const name of ['Vera Viewer', 'Wim Viewer', 'Xu Viewer']) {
      const viewer = await newPerson(browser, name, contexts);
      await registerGuest(viewer);
      await enterStage(viewer.page, title, 'Watch');
      viewers.push(viewer);
    }

    for (const viewer of viewers) {
      await expect(tilesOf(viewer.page, 'Olivia Organizer')).toBeVisible();
      await expect.poll(() => decodingVideos(viewer.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      // The audience has nothing to send with: no microphone or camera controls, no bytes out.
      await expect(viewer.page.getByRole('button', { name: 'Mute microphone' })).toHaveCount(0);
      expect(await bytesSent(viewer.page)).toBe(0);
    }

    const [vera, ...others] = viewers as [Person, Person, Person];
    await vera.page.getByRole('button', { name: 'Raise hand' }).click();
    await expect(moderator.page.getByText('Hand raised')).toBeVisible();
    await moderator.page.getByRole('button', { name: 'Bring Vera Viewer on stage' }).click();
    await expect.poll(() => bytesSent(vera.page), { timeout: 30_000 }).toBeGreaterThan(0);
    for (const viewer of others) {
      await expect(tilesOf(viewer.page, 'Vera Viewer')).toBeVisible();
      await expect.poll(() => decodingVideos(viewer.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      expect(await bytesSent(viewer.page)).toBe(0);
    }
  });
});
