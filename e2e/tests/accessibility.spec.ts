import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { uniqueRoom } from '../support/meeting.js';
import { exhibitorAccount, organizerAccount } from '../support/people.js';
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

/** Presses Tab until `target` has focus (keyboard only), failing after `limit` presses. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test.describe('the meeting room for keyboard and screen-reader users', () => {
  test.describe.configure({ timeout: 120_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  test('focus starts on the room heading, joins and chat lines are announced, mute and send work from the keyboard', async ({ browser }) => {
    const room = uniqueRoom('a11y-keys');
    const host = await joinRoom(browser, contexts, 'en', room, 'Lee Morgan');
    await expect(host.getByRole('heading', { level: 1 })).toBeFocused();
    const announcer = host.getByTestId('room-announcer');
    await expect(announcer).toHaveAttribute('aria-live', 'polite');
    await expect(host.locator('[aria-live="polite"]:not([aria-live="off"])')).toHaveCount(1);

    const guest = await joinRoom(browser, contexts, 'en', room, 'Ana Souza');
    await expect(announcer).toHaveText('Ana Souza joined.', { timeout: 20_000 });

    // The guest mutes and writes with the keyboard only; the focused control shows an outline.
    const mute = guest.getByRole('button', { name: 'Mute microphone' });
    await tabTo(guest, mute);
    expect(await mute.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await guest.keyboard.press('Enter');
    await expect(guest.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
    const chatButton = guest.getByRole('button', { name: WORDS.en.chat });
    if (await chatButton.isVisible()) {
      await tabTo(guest, chatButton);
      await guest.keyboard.press('Enter');
    }
    const message = guest.getByLabel(WORDS.en.message, { exact: true });
    await tabTo(guest, message);
    await guest.keyboard.type('Shall we look at the samples?');
    await guest.keyboard.press('Enter');
    await expect(guest.getByRole('log')).toContainText('Shall we look at the samples?');
    await expect(announcer).toHaveText('Ana Souza wrote: Shall we look at the samples?', { timeout: 20_000 });

    await guest.getByRole('button', { name: WORDS.en.leave }).click();
    await expect(announcer).toHaveText('Ana Souza left.', { timeout: 20_000 });
  });
});

// Signed-in pages, in the account's profile language (it wins over the browser's, see languages.spec.ts),
// and again with the profile switched to Arabic (right to left), restored afterwards.
const SIGNED_IN: { name: string; path: string; account: { email: string; password: string } }[] = [
  { name: 'My appointments (demo guest)', path: '/appointments', account: { email: 'guest@example.com', password: 'guest-demo-2026' } },
  { name: 'notifications (demo guest)', path: '/notifications', account: { email: 'guest@example.com', password: 'guest-demo-2026' } },
  { name: 'exhibitor page (demo exhibitor)', path: '/exhibitor', account: exhibitorAccount },
  { name: 'booth dashboard (demo exhibitor)', path: '/exhibitor/dashboard', account: exhibitorAccount },
  { name: 'organizer page (demo organizer)', path: '/organizer', account: organizerAccount },
  { name: 'event dashboard and live view (demo organizer)', path: '/organizer/dashboard', account: organizerAccount },
];

test.describe('signed in: axe finds no critical or serious violation', () => {
  for (const { name, path, account } of SIGNED_IN) {
    for (const language of ['profile', 'ar'] as const) {
      test(`${name}, ${language === 'ar' ? 'in Arabic' : "in the profile's language"}`, async ({ browser }) => {
        const context = await browser.newContext();
        let restore: (() => Promise<unknown>) | undefined;
        try {
          const res = await context.request.post('/api/auth/login', { data: { email: account.email, password: account.password } });
          expect(res.status()).toBe(200);
          if (language === 'ar') {
            const { csrfToken, user } = (await res.json()) as { csrfToken: string; user: { language: string } };
            const headers = { 'x-csrf-token': csrfToken };
            expect((await context.request.patch('/api/me', { data: { language: 'ar' }, headers })).status()).toBe(200);
            restore = () => context.request.patch('/api/me', { data: { language: user.language }, headers });
          }
          const page = await context.newPage();
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          if (language === 'ar') await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
          await expect(page.getByRole('status').filter({ hasText: /…|\.\.\./ })).toHaveCount(0);
          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await restore?.();
          await context.close();
        }
      });
    }
  }
});
