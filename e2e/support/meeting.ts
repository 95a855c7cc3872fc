import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { instrumentWebRtc } from './webrtc.js';

/** A fresh room id per test, so specs never see each other's participants. */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Opens a separate browser context (its own cookies and devices) and joins the room as `name`. */
export async function joinAs(browser: Browser, roomId: string, name: string, contexts?: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext();
  contexts?.push(context);
  await instrumentWebRtc(context);
  const page = await context.newPage();
  await page.goto(`/meet/${roomId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Leave' })).toBeVisible();
  return page;
}

/**
 * `test` with a `join(roomId, name)` fixture whose browser contexts close after each
 * test, so the next one does not share two cores with leftover participants.
 */
export const test = base.extend<{ join: (roomId: string, name: string) => Promise<Page> }>({
  join: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use((roomId, name) => joinAs(browser, roomId, name, contexts));
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  },
});
export { expect };
