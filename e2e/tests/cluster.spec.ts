import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { exhibitorAccount, pressJoin, registerGuest, signInAs, tilesOf, type Person } from '../support/people.js';
import { framesDecoded, instrumentWebRtc } from '../support/webrtc.js';

/**
 * Two server nodes sharing Redis (the two extra webServers of playwright.config.ts, ports
 * E2E_PORT+1 and +2). The exhibitor opens the booth meeting through node 2, the guest
 * comes in through node 1: the guest's knock is redirected (ROOM_ELSEWHERE) to node 2,
 * where the meeting is, and both see each other's video.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const node1 = `http://localhost:${port + 1}`;
const node2 = `http://localhost:${port + 2}`;

test.describe('a meeting across two server nodes', () => {
  test.describe.configure({ timeout: 150_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  async function personAt(browser: Browser, baseURL: string, name: string): Promise<Person> {
    const context = await browser.newContext({ baseURL });
    contexts.push(context);
    await instrumentWebRtc(context);
    return { context, page: await context.newPage(), name };
  }

  async function openBooth(page: Page): Promise<void> {
    await page.goto('/expo');
    await page.getByRole('article', { name: 'Shenzhen Photonics' }).getByRole('link', { name: 'View booth' }).click();
  }

  test('the exhibitor on node 2 and a guest who came in through node 1 meet and see each other', async ({ browser }) => {
    const host = await personAt(browser, node2, exhibitorAccount.name);
    await signInAs(host, exhibitorAccount);
    await openBooth(host.page);
    await host.page.getByRole('button', { name: 'Start booth meeting' }).click();
    await pressJoin(host.page);
    await expect(host.page.getByRole('button', { name: 'Leave' })).toBeVisible();

    const guest = await personAt(browser, node1, 'Ana Souza');
    await registerGuest(guest, { country: 'BR', language: 'pt' });
    await openBooth(guest.page);
    await guest.page.getByRole('button', { name: 'Walk in now' }).click();
    await pressJoin(guest.page);
    await expect(guest.page.getByText('Waiting for the host to let you in')).toBeVisible();

    await host.page.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Admit Ana Souza' }).click();
    await expect(guest.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    await expect(tilesOf(guest.page, exhibitorAccount.name)).toBeVisible();
    await expect(tilesOf(host.page, 'Ana Souza')).toBeVisible();
    for (const page of [guest.page, host.page]) {
      await expect.poll(async () => Math.max(0, ...(await framesDecoded(page))), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    // The guest's page is still node 1's; its signaling moved to node 2, where the meeting is.
    expect(new URL(guest.page.url()).origin).toBe(node1);
  });
});
