import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/meeting.js';
import {
  englishExhibitorAccount as exhibitorAccount,
  newPerson,
  pressJoin,
  registerGuest,
  signInAs,
  tilesOf,
  type Person,
} from '../support/people.js';
import { openBooth } from '../support/booking.js';

test.describe('running a booth meeting', () => {
  test.describe.configure({ timeout: 150_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  /** Michael Brooks opens the booth room as host. */
  async function hostOpensBooth(browser: Browser): Promise<Person> {
    const host = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(host, exhibitorAccount);
    await openBooth(host.page);
    await host.page.getByRole('button', { name: 'Start booth meeting' }).click();
    await pressJoin(host.page);
    await expect(host.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    return host;
  }

  /** A signed-in visitor walks in and knocks. */
  async function visitorKnocks(browser: Browser, name: string): Promise<Person> {
    const visitor = await newPerson(browser, name, contexts);
    await registerGuest(visitor, { country: 'BR', language: 'en' });
    await openBooth(visitor.page);
    await visitor.page.getByRole('button', { name: 'Walk in now' }).click();
    await pressJoin(visitor.page);
    await expect(visitor.page.getByText('Waiting for the host to let you in')).toBeVisible();
    return visitor;
  }

  test('the lobby admits one guest and declines another', async ({ browser }) => {
    const host = await hostOpensBooth(browser);
    const ana = await visitorKnocks(browser, 'Ana Souza');
    const bo = await visitorKnocks(browser, 'Bo Lindqvist');

    const lobby = host.page.getByRole('region', { name: 'Lobby' });
    await expect(lobby.getByText('Ana Souza')).toBeVisible();
    await expect(lobby.getByText('Bo Lindqvist')).toBeVisible();
    await lobby.getByRole('button', { name: 'Admit Ana Souza' }).click();
    await expect(ana.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    await expect(tilesOf(ana.page, exhibitorAccount.name)).toBeVisible();
    await expect(tilesOf(host.page, 'Ana Souza')).toBeVisible();

    await lobby.getByRole('button', { name: 'Decline Bo Lindqvist' }).click();
    await expect(bo.page.getByText(/declined/i)).toBeVisible();
    await expect(tilesOf(host.page, 'Bo Lindqvist')).toHaveCount(0);
  });

  test("the host mutes and removes a guest, and the guest's client shows it", async ({ browser }) => {
    const host = await hostOpensBooth(browser);
    const ana = await visitorKnocks(browser, 'Ana Souza');
    await host.page.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Admit Ana Souza' }).click();
    await expect(ana.page.getByRole('button', { name: 'Mute microphone' })).toBeEnabled();

    await host.page.getByRole('button', { name: 'Mute Ana Souza' }).click();
    await expect(ana.page.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
    await expect(ana.page.getByText(/host muted your microphone/i)).toBeVisible();

    await host.page.getByRole('button', { name: 'Remove Ana Souza' }).click();
    await expect(ana.page.getByText(/removed you/i)).toBeVisible();
    await expect(ana.page.getByRole('button', { name: 'Rejoin' })).toHaveCount(0);
    await expect(tilesOf(host.page, 'Ana Souza')).toHaveCount(0);
  });
});

test.describe('talking in a meeting', () => {
  test.describe.configure({ timeout: 150_000 });

  test('the active speaker follows whoever alone has their microphone on', async ({ join }) => {
    const room = `speak-${Date.now().toString(36)}`;
    const ann = await join(room, 'Ann');
    const ben = await join(room, 'Ben');
    const cat = await join(room, 'Cat');
    // Only Ann's microphone stays on.
    for (const page of [ben, cat]) await page.getByRole('button', { name: 'Mute microphone' }).click();
    await expect(tilesOf(cat, 'Ann').getByText('Speaking')).toBeVisible({ timeout: 20_000 });
    await expect(tilesOf(ben, 'Ann').getByText('Speaking')).toBeVisible();

    // Now only Ben's.
    await ann.getByRole('button', { name: 'Mute microphone' }).click();
    await ben.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect(tilesOf(cat, 'Ben').getByText('Speaking')).toBeVisible({ timeout: 20_000 });
    await expect(tilesOf(cat, 'Ann').getByText('Speaking')).toHaveCount(0);
  });

  test('chat reaches everyone in the room and late joiners, and markup shows as text', async ({ join }) => {
    const room = `chat-${Date.now().toString(36)}`;
    const ann = await join(room, 'Ann');
    const ben = await join(room, 'Ben');
    const send = async (page: Page, text: string) => {
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
    };
    await send(ann, 'Hello from Ann');
    await expect(ben.getByRole('log').getByText('Hello from Ann')).toBeVisible();
    await send(ben, '<b>bold?</b>');
    await expect(ann.getByRole('log').getByText('<b>bold?</b>')).toBeVisible();

    const cat = await join(room, 'Cat');
    const log = cat.getByRole('log');
    await expect(log.getByText('Hello from Ann')).toBeVisible();
    await expect(log.getByText('<b>bold?</b>')).toBeVisible();
  });
});
