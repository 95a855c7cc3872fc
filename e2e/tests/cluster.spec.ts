import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import type { ExpoEvent } from '@ca/signaling';
import { setServerClock } from '../support/api.js';
import {
  englishExhibitorAccount as exhibitorAccount,
  organizerAccount,
  pressJoin,
  registerGuest,
  signInAs,
  tilesOf,
  type Person,
} from '../support/people.js';
import { addKeynote, enterStage } from '../support/stage.js';
import { bytesSent, decodingVideos, framesDecoded, instrumentWebRtc } from '../support/webrtc.js';
import { openBooth } from '../support/booking.js';

/**
 * Two server nodes sharing Redis (the two extra webServers of playwright.config.ts, ports
 * E2E_PORT+1 and +2). The exhibitor opens the booth meeting through node 2, the guest
 * comes in through node 1: the guest's knock is redirected (ROOM_ELSEWHERE) to node 2,
 * where the meeting is, and both see each other's video. A stage full on node 1 (one viewer
 * per node here: STAGE_AUDIENCE_PER_NODE=1) is relayed to node 2 for its next viewer.
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

  test('the exhibitor on node 2 and a guest who came in through node 1 meet and see each other', async ({ browser }) => {
    const host = await personAt(browser, node2, exhibitorAccount.name);
    await signInAs(host, exhibitorAccount);
    await openBooth(host.page);
    await host.page.getByRole('button', { name: 'Start booth meeting' }).click();
    await pressJoin(host.page);
    await expect(host.page.getByRole('button', { name: 'Leave' })).toBeVisible();

    const guest = await personAt(browser, node1, 'Ana Souza');
    await registerGuest(guest, { country: 'BR', language: 'en' });
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

  /** Rooms a node holds now (its health answer). */
  async function roomsOn(node: string): Promise<number> {
    const res = await fetch(`${node}/api/health`);
    return ((await res.json()) as { rooms: number }).rooms;
  }

  test('a full stage on node 1 is relayed to node 2: the viewer sent there sees the moderator, chats with the stage and can be removed from it', async ({
    browser,
    playwright,
  }) => {
    const moderator = await personAt(browser, node1, 'Olivia Organizer');
    const csrf = await signInAs(moderator, organizerAccount);
    const { events } = (await (await moderator.context.request.get('/api/events')).json()) as { events: ExpoEvent[] };
    const event = events[0]!;
    const start = Date.parse(`${event.startsOn}T10:00:00Z`);
    // Both nodes check meeting and relay tokens against their own clock: move both to the session.
    for (const node of [node1, node2]) {
      const api = await playwright.request.newContext({ baseURL: node });
      await setServerClock(api, new Date(start - 5 * 60_000).toISOString());
      await api.dispose();
    }
    const title = `Overflow keynote ${Date.now().toString(36)}`;
    await addKeynote(moderator.context.request, csrf, event, { title, start });
    await enterStage(moderator.page, title, 'Open stage');

    const first = await personAt(browser, node1, 'Vera Viewer');
    await registerGuest(first);
    await enterStage(first.page, title, 'Watch');
    await expect(first.page.getByText('You are in the audience.')).toBeVisible();

    const roomsBefore = await roomsOn(node2);
    const second = await personAt(browser, node1, 'Wim Viewer');
    await registerGuest(second);
    await enterStage(second.page, title, 'Watch');
    // The stage was full on node 1: this viewer watches from node 2, through a pipe between the nodes.
    await expect(second.page.getByText('This session is full, so you are watching from an overflow server.', { exact: false })).toBeVisible();
    expect(await roomsOn(node2)).toBe(roomsBefore + 1);
    await expect(tilesOf(second.page, 'Olivia Organizer')).toBeVisible();
    await expect.poll(() => decodingVideos(second.page), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await expect(second.page.getByRole('button', { name: 'Raise hand' })).toHaveCount(0);
    // The moderator's participant list cannot list overflow viewers, so it counts them.
    await expect(moderator.page.getByText('and 1 more watching from an overflow server')).toBeVisible();
    expect(await bytesSent(second.page)).toBe(0);

    await second.page.getByRole('textbox', { name: 'Message' }).fill('Hello from the overflow room');
    await second.page.getByRole('button', { name: 'Send' }).click();
    await expect(moderator.page.getByRole('log').getByText('Hello from the overflow room')).toBeVisible();
    await expect(first.page.getByRole('log').getByText('Hello from the overflow room')).toBeVisible();
    await moderator.page.getByRole('textbox', { name: 'Message' }).fill('Welcome, overflow');
    await moderator.page.getByRole('button', { name: 'Send' }).click();
    await expect(second.page.getByRole('log').getByText('Welcome, overflow')).toBeVisible();

    // The moderator cannot see overflow viewers in the list, but removes one from the chat.
    await moderator.page.getByRole('log').getByRole('button', { name: 'Remove the author, Wim Viewer' }).click();
    await expect(second.page.getByText('The host removed you from the meeting.')).toBeVisible();
    await expect(moderator.page.getByText('and 1 more watching from an overflow server')).toHaveCount(0);
  });
});
