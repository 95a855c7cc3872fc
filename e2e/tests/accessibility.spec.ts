import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

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
