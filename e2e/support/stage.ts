import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { TalkDto, ExpoEvent } from '@ca/signaling';
import { setServerClock } from './api.js';
import { organizerAccount, pressJoin, signInAs, type Person } from './people.js';

/** Adds a one-hour keynote by Olivia Organizer at `start` (epoch ms) to the event's first hall, as the signed-in organizer. */
export async function addKeynote(
  request: APIRequestContext,
  csrf: string,
  event: ExpoEvent,
  session: { title: string; start: number },
): Promise<TalkDto> {
  const created = await request.post(`/api/events/${event.id}/sessions`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      hallId: event.halls[0]!.id,
      title: session.title,
      kind: 'keynote',
      speakers: ['Olivia Organizer'],
      start: new Date(session.start).toISOString(),
      end: new Date(session.start + 3600_000).toISOString(),
      capacity: 500,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { session: added } = (await created.json()) as { session: TalkDto };
  expect(added.title).toBe(session.title);
  return added;
}

/** Opens the agenda and presses the session's button ("Open stage" for organizers, "Watch" for others), then Join. */
export async function enterStage(page: Page, title: string, button: 'Open stage' | 'Watch'): Promise<void> {
  await page.goto('/expo');
  await page.getByRole('article', { name: title }).getByRole('button', { name: button }).click();
  await pressJoin(page);
  await expect(page.getByRole('button', { name: 'Leave' })).toBeVisible();
}

/**
 * Signs the organizer in, moves the server clock (through `clock`, the server under test) to five minutes
 * before a keynote at `hourUtc` on the event's first day, and adds that keynote with a unique title.
 */
export async function keynoteSoon(
  moderator: Person,
  clock: APIRequestContext,
  titlePrefix: string,
  hourUtc: number,
): Promise<{ csrf: string; event: ExpoEvent; session: TalkDto; title: string }> {
  const csrf = await signInAs(moderator, organizerAccount);
  const { events } = (await (await moderator.context.request.get('/api/events')).json()) as { events: ExpoEvent[] };
  const event = events[0]!;
  const start = Date.parse(`${event.startsOn}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
  await setServerClock(clock, new Date(start - 5 * 60_000).toISOString());
  const title = `${titlePrefix} ${Date.now().toString(36)}`;
  const session = await addKeynote(moderator.context.request, csrf, event, { title, start });
  return { csrf, event, session, title };
}
