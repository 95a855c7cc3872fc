import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { registerGuest, tilesOf, type Person } from '../support/people.js';
import { enterStage, keynoteSoon } from '../support/stage.js';
import { audioBytesReceived, bytesSent, decodingVideos, inboundStats, instrumentWebRtc } from '../support/webrtc.js';

/**
 * A stage whose media runs on LiveKit: the server on port +3 of playwright.config.ts has
 * STAGE_MEDIA=livekit and a real livekit-server node (infra/livekit/ensure.sh). The page is the
 * same; its media goes through livekit-client (loaded only for this stage), roster, hands and host
 * controls through our socket.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const liveKitStageServer = `http://localhost:${port + 3}`;

test.describe('a stage on LiveKit', () => {
  test.describe.configure({ timeout: 240_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  async function person(browser: Browser, name: string): Promise<Person> {
    const context = await browser.newContext({ baseURL: liveKitStageServer });
    contexts.push(context);
    await instrumentWebRtc(context);
    return { context, page: await context.newPage(), name };
  }

  test('the organizer speaks, a guest watches and hears, is brought on stage and seen, and removal ends their view', async ({
    browser,
    playwright,
  }) => {
    const moderator = await person(browser, 'Olivia Organizer');
    const api = await playwright.request.newContext({ baseURL: liveKitStageServer });
    const { title } = await keynoteSoon(moderator, api, 'LiveKit keynote', 10);

    // The organizer opens the stage and speaks: camera and microphone go to LiveKit.
    const livekitChunk = moderator.page.waitForResponse((res) => /LiveKitEngine-[\w-]+\.js$/.test(res.url()));
    await enterStage(moderator.page, title, 'Open stage');
    await livekitChunk;
    await expect.poll(() => bytesSent(moderator.page), { timeout: 30_000 }).toBeGreaterThan(0);

    // A guest in another context watches: the organizer's video decodes and their audio arrives; nothing is sent.
    const vera = await person(browser, 'Vera Viewer');
    await registerGuest(vera);
    await enterStage(vera.page, title, 'Watch');
    await expect(tilesOf(vera.page, 'Olivia Organizer')).toBeVisible();
    await expect.poll(() => decodingVideos(vera.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => audioBytesReceived(vera.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(vera.page.getByRole('button', { name: 'Mute microphone' })).toHaveCount(0);
    expect(await bytesSent(vera.page)).toBe(0);

    // Brought on stage: the guest sends, and the organizer decodes the guest's video.
    await vera.page.getByRole('button', { name: 'Raise hand' }).click();
    await expect(moderator.page.getByText('Hand raised')).toBeVisible();
    await moderator.page.getByRole('button', { name: 'Bring Vera Viewer on stage' }).click();
    await expect.poll(() => bytesSent(vera.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(tilesOf(moderator.page, 'Vera Viewer')).toBeVisible();
    await expect.poll(() => decodingVideos(moderator.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

    // Removed: the guest's meeting ends (no more media) and the stage gives them no new ticket.
    await moderator.page.getByRole('button', { name: 'Remove Vera Viewer' }).click();
    await expect(vera.page.getByText(/removed you/i)).toBeVisible();
    await expect.poll(() => decodingVideos(vera.page, 1), { timeout: 15_000 }).toBe(0);
    await vera.page.goto('/expo');
    await vera.page.getByRole('article', { name: title }).getByRole('button', { name: 'Watch' }).click();
    await expect(vera.page.getByText(/removed you/i)).toBeVisible();
    await api.dispose();
  });

  test('an interpreter assigned into Spanish interprets on the LiveKit stage; a viewer receives the channel only once chosen', async ({
    browser,
    playwright,
  }) => {
    const moderator = await person(browser, 'Olivia Organizer');
    const api = await playwright.request.newContext({ baseURL: liveKitStageServer });
    const { csrf, session, title } = await keynoteSoon(moderator, api, 'LiveKit interpreted', 14);
    const ana = await person(browser, 'Ana Intérprete');
    const anaEmail = await registerGuest(ana);
    const assigned = await moderator.context.request.put(`/api/sessions/${session.id}/interpreters`, {
      headers: { 'X-CSRF-Token': csrf },
      data: { interpreters: [{ language: 'es', email: anaEmail }] },
    });
    expect(assigned.status()).toBe(200);

    await enterStage(moderator.page, title, 'Open stage');
    const vera = await person(browser, 'Vera Viewer');
    await registerGuest(vera);
    await enterStage(vera.page, title, 'Watch');
    await expect.poll(() => audioBytesReceived(vera.page), { timeout: 30_000 }).toBeGreaterThan(0);

    await enterStage(ana.page, title, 'Watch');
    const panel = ana.page.getByRole('region', { name: 'Interpretation' });
    await panel.getByRole('button', { name: 'Start interpreting into Spanish' }).click();
    await expect(panel.getByText('You are interpreting into Spanish. Your microphone is off for the floor.')).toBeVisible();
    // Her voice goes out as the channel only; she has no tile on the stage.
    await expect.poll(() => bytesSent(ana.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(tilesOf(vera.page, 'Ana Intérprete')).toHaveCount(0);

    const listening = vera.page.getByRole('region', { name: 'Interpretation' });
    await expect(listening.getByText('Live now: Spanish')).toBeVisible({ timeout: 20_000 });
    const audioStreams = async () => (await inboundStats(vera.page)).filter((st) => st.kind === 'audio').length;
    const floorOnly = await audioStreams();
    // Live but not chosen: not received.
    await vera.page.waitForTimeout(1_500);
    expect(await audioStreams()).toBe(floorOnly);
    await listening.getByLabel('Listen to').selectOption({ label: 'Spanish' });
    await expect.poll(audioStreams, { timeout: 20_000 }).toBe(floorOnly + 1);
    await expect(listening.locator('audio')).toHaveCount(1);
    await api.dispose();
  });
});
