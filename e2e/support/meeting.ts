import { expect, type Browser, type Page } from '@playwright/test';
import { instrumentWebRtc } from './webrtc.js';

/** A fresh room id per test, so specs never see each other's participants. */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Opens a separate browser context (its own cookies and devices) and joins the room as `name`. */
export async function joinAs(browser: Browser, roomId: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  await instrumentWebRtc(context);
  const page = await context.newPage();
  await page.goto(`/meet/${roomId}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Leave' })).toBeVisible();
  return page;
}
