import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { uniqueRoom } from '../support/meeting.js';
import { instrumentWebRtc } from '../support/webrtc.js';

// axe-core scans the public pages in English and in Arabic (right to left): no critical or serious
// WCAG 2.1 AA violation, colour contrast included. Every rule stays on.

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const PAGES: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'home', path: '/', ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
  { name: 'sign in', path: '/login', ready: (page) => expect(page.locator('input[type=password]')).toBeVisible() },
  { name: 'register', path: '/register', ready: (page) => expect(page.locator('input[type=password]').first()).toBeVisible() },
  { name: 'expo hall', path: '/expo', ready: (page) => expect(page.getByRole('article').first()).toBeVisible() },
  {
    name: 'booth page with the slot picker',
    path: '/expo',
    ready: async (page) => {
      await page.getByRole('article', { name: 'Shenzhen Photonics' }).locator('a[href^="/booths/"]').first().click();
      const time = page.getByRole('radio').first();
      await expect(time).toBeVisible({ timeout: 20_000 });
      await time.check();
    },
  },
  { name: 'meeting pre-join', path: '/meet/a11y-prejoin', ready: (page) => expect(page.locator('input').first()).toBeVisible() },
];

for (const locale of ['en', 'ar'] as const) {
  test.describe(`${locale}: axe finds no critical or serious violation`, () => {
    for (const { name, path, ready } of PAGES) {
      test(name, async ({ browser }) => {
        const context = await browser.newContext({ locale });
        try {
          const page = await context.newPage();
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          await ready(page);
          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  });
}

const WORDS = {
  en: { yourName: 'Your name', join: 'Join', leave: 'Leave', chat: 'Chat', message: 'Message', send: 'Send' },
  ar: { yourName: 'اسمك', join: 'انضم', leave: 'مغادرة', chat: 'الدردشة', message: 'الرسالة', send: 'إرسال' },
} as const;

/** Joins `room` with fake media (see support/webrtc.ts) in a context speaking `locale`. */
async function joinRoom(browser: Browser, contexts: BrowserContext[], locale: 'en' | 'ar', room: string, name: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  contexts.push(context);
  await instrumentWebRtc(context);
  const page = await context.newPage();
  await page.goto(`/meet/${room}`);
  await page.getByLabel(WORDS[locale].yourName).fill(name);
  await page.getByRole('button', { name: WORDS[locale].join, exact: true }).click();
  await expect(page.getByRole('button', { name: WORDS[locale].leave })).toBeVisible();
  return page;
}

test.describe('the meeting room in a call, chat open', () => {
  test.describe.configure({ timeout: 120_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  for (const locale of ['en', 'ar'] as const) {
    test(`${locale}: axe finds no critical or serious violation for either participant`, async ({ browser }) => {
      const w = WORDS[locale];
      const room = uniqueRoom(`a11y-${locale}`);
      const first = await joinRoom(browser, contexts, locale, room, 'Lee Morgan');
      const second = await joinRoom(browser, contexts, locale, room, 'ليلى حداد');
      await expect(first.getByRole('figure', { name: 'ليلى حداد' })).toBeVisible({ timeout: 20_000 });
      for (const page of [first, second]) {
        const chat = page.getByRole('button', { name: w.chat });
        if (await chat.isVisible()) await chat.click();
        await page.getByLabel(w.message, { exact: true }).fill('Hello, 2 PM?');
        await page.getByRole('button', { name: w.send }).click();
        expect(await seriousViolations(page)).toEqual([]);
      }
    });
  }
});
