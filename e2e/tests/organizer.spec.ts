import { expect, test } from '@playwright/test';
import type { ExpoEvent } from '@ca/signaling';

test('an organizer sees a stage clash as a warning when adding a session, and clears it by removing the session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('organizer@example.com');
  await page.getByLabel('Password').fill('organizer-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const { events } = (await (await page.request.get('/api/events')).json()) as { events: ExpoEvent[] };
  const event = events[0]!;
  await page.goto('/organizer');
  const agenda = page.getByRole('region', { name: 'Agenda' });
  await expect(agenda.getByText('Opening keynote: factories without borders')).toBeVisible();

  // The demo keynote is on the first hall's stage from 10:00 to 11:00 on the first day (event time).
  const title = `Clashing talk ${Date.now()}`;
  await agenda.getByLabel('Hall').selectOption({ label: event.halls[0]!.name });
  await agenda.getByLabel('Title').fill(title);
  await agenda.getByLabel('Speakers').fill('Ada Speaker');
  await agenda.getByLabel('Start').fill(`${event.startsOn}T10:30`);
  await agenda.getByLabel('End').fill(`${event.startsOn}T11:30`);
  await agenda.getByRole('button', { name: 'Add session' }).click();

  const remove = agenda.getByRole('button', { name: `Remove ${title}` });
  await expect(remove).toBeVisible();
  const warnings = agenda.getByText('The agenda has conflicts:');
  await expect(warnings).toBeVisible();
  await expect(agenda.getByRole('listitem').filter({ hasText: 'overlap' }).first()).toContainText(title);
  await remove.click();
  await expect(remove).toHaveCount(0);
  await expect(warnings).toHaveCount(0);
});
