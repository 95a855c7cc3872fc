import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/meeting.js';
import {
  englishExhibitorAccount as exhibitorAccount,
  englishExhibitorBooth,
  newPerson,
  pressJoin,
  registerGuest,
  signInAs,
  type Person,
} from '../support/people.js';
import { openBooth } from '../support/booking.js';

/** Minutes of "Estimated wait: about N minutes." on a waiting guest's screen. */
async function etaOf(page: Page): Promise<number> {
  const text = await page.getByText(/^Estimated wait: about /).textContent();
  return Number(/about (\d+) minute/.exec(text ?? '')?.[1]);
}

test.describe('the walk-in line', () => {
  test.describe.configure({ timeout: 150_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  async function visitorKnocks(browser: Browser, name: string): Promise<Person> {
    const visitor = await newPerson(browser, name, contexts);
    await registerGuest(visitor, { country: 'BR', language: 'en', timeZone: 'America/Sao_Paulo' });
    await openBooth(visitor.page);
    await visitor.page.getByRole('button', { name: 'Walk in now' }).click();
    await pressJoin(visitor.page);
    await expect(visitor.page.getByText('Waiting for the host to let you in')).toBeVisible();
    return visitor;
  }

  test('waiting guests see their place and an estimated wait that moves as the host admits; a long wait offers a booked time', async ({
    browser,
  }) => {
    // Before any host: a place, and no estimate.
    const ana = await visitorKnocks(browser, 'Ana Line');
    await expect(ana.page.getByRole('status').filter({ hasText: 'You are number 1 in line (1 waiting).' })).toBeVisible();
    await expect(ana.page.getByText('Nobody from the booth is in the room yet, so we cannot estimate the wait.')).toBeVisible();

    const host = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(host, exhibitorAccount);
    await openBooth(host.page);
    await host.page.getByRole('button', { name: 'Start booth meeting' }).click();
    await pressJoin(host.page);
    await expect(host.page.getByRole('button', { name: 'Leave' })).toBeVisible();

    const bo = await visitorKnocks(browser, 'Bo Line');
    await expect(bo.page.getByRole('status').filter({ hasText: 'You are number 2 in line (2 waiting).' })).toBeVisible();
    await expect(ana.page.getByText(/^Estimated wait: about \d+ minutes?\.$/)).toBeVisible();
    const first = await etaOf(ana.page);
    // One host: the second in line waits two meetings.
    expect(await etaOf(bo.page)).toBe(2 * first);
    // Twenty minutes or more: a booked time instead, in the guest's zone.
    if (2 * first >= 20) await expect(bo.page.getByText('A long wait? Book a time instead (in your time zone):')).toBeVisible();

    await host.page.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Admit Ana Line' }).click();
    await expect(ana.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    await expect(bo.page.getByRole('status').filter({ hasText: 'You are number 1 in line (1 waiting).' })).toBeVisible();
    await expect.poll(() => etaOf(bo.page)).toBe(first);
  });

  test('a guest facing a long wait books a time instead in one click and leaves the line', async ({ browser }) => {
    const cy = await visitorKnocks(browser, 'Cy Line');
    // Nobody hosting: the estimate is unknown, so another time is offered.
    const offer = cy.page.getByRole('button', { name: /^Book / }).first();
    await expect(offer).toBeVisible();
    await offer.click();
    await expect(cy.page).toHaveURL(/\/appointments$/);
    await expect(cy.page.getByRole('article', { name: /^Meeting with / })).toContainText(englishExhibitorBooth);
  });
});
