import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { registerAndConfirm } from './mail.js';
import { instrumentWebRtc } from './webrtc.js';

export const exhibitorAccount = { email: 'exhibitor@example.com', password: 'exhibitor-demo-2026', name: 'Wang Fang' };
/**
 * A booth host whose profile language is English. A signed-in user's profile language wins over
 * the browser's, so specs that read the host's screen in English use him (Wang Fang's is Chinese).
 */
export const englishExhibitorAccount = { email: 'michael.brooks@example.com', password: 'exhibitor-demo-2026', name: 'Michael Brooks' };
/** The booth Michael Brooks staffs in the demo expo. */
export const englishExhibitorBooth = 'Hudson Analytics';
export const organizerAccount = { email: 'organizer@example.com', password: 'organizer-demo-2026' };

export type Person = { context: BrowserContext; page: Page; name: string };

/** A browser context of its own (cookies, devices) with WebRTC instrumentation and small video. */
export async function newPerson(browser: Browser, name: string, contexts: BrowserContext[]): Promise<Person> {
  const context = await browser.newContext();
  contexts.push(context);
  await instrumentWebRtc(context);
  return { context, page: await context.newPage(), name };
}

/** Signs in through the API (the context keeps the httpOnly cookie for its pages); resolves with the CSRF token for writes. */
export async function signInAs(person: Person, account: { email: string; password: string }): Promise<string> {
  const res = await person.context.request.post('/api/auth/login', { data: { email: account.email, password: account.password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/**
 * Registers a fresh guest account for `person.name` and signs in with it. The profile language
 * decides the UI language, so it is English unless a spec reads another one. Returns the account's e-mail address.
 */
export async function registerGuest(person: Person, profile: { country?: string; language?: string; timeZone?: string } = {}): Promise<string> {
  const email = `${person.name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.net`;
  await registerAndConfirm(person.context.request, {
    name: person.name,
    email,
    password: 'a-long-test-password',
    country: profile.country ?? 'BR',
    language: profile.language ?? 'en',
    timeZone: profile.timeZone ?? 'America/Sao_Paulo',
  });
  return email;
}

/** From the pre-join screen: join with the prefilled name. */
export async function pressJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** Tiles named exactly `name` on a page (a duplicate tile would make this 2). */
export function tilesOf(page: Page, name: string) {
  return page.getByRole('figure', { name, exact: true });
}
