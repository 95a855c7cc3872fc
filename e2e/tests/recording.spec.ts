import type { Browser, BrowserContext } from '@playwright/test';
import { expect, test } from '../support/meeting.js';
import { englishExhibitorAccount as exhibitorAccount, newPerson, pressJoin, registerGuest, signInAs, type Person } from '../support/people.js';
import { openBooth } from '../support/booking.js';

test.describe('recording a meeting with consent', () => {
  test.describe.configure({ timeout: 150_000 });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  async function meetingOfTwo(browser: Browser): Promise<{ host: Person; guest: Person }> {
    const host = await newPerson(browser, exhibitorAccount.name, contexts);
    await signInAs(host, exhibitorAccount);
    await openBooth(host.page);
    await host.page.getByRole('button', { name: 'Start booth meeting' }).click();
    await pressJoin(host.page);
    await expect(host.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    const guest = await newPerson(browser, 'Rita Okafor', contexts);
    await registerGuest(guest, { country: 'NG', language: 'en' });
    await openBooth(guest.page);
    await guest.page.getByRole('button', { name: 'Walk in now' }).click();
    await pressJoin(guest.page);
    await host.page.getByRole('region', { name: 'Lobby' }).getByRole('button', { name: 'Admit Rita Okafor' }).click();
    await expect(guest.page.getByRole('button', { name: 'Leave' })).toBeVisible();
    return { host, guest };
  }

  test('the host starts a recording: everyone sees the red indicator, the guest is asked and declines, and is shown as left out', async ({
    browser,
  }) => {
    const { host, guest } = await meetingOfTwo(browser);
    // Only the host has the button.
    await expect(guest.page.getByRole('button', { name: 'Start recording' })).toHaveCount(0);
    await host.page.getByRole('button', { name: 'Start recording' }).click();

    await expect(host.page.getByTestId('recording-indicator')).toHaveText('Recording');
    const question = guest.page.getByRole('alertdialog', { name: 'This meeting is being recorded' });
    await expect(question).toBeVisible();
    await expect(guest.page.getByTestId('recording-indicator')).toBeVisible();
    await question.getByRole('button', { name: 'Leave me out' }).click();
    await expect(question).toHaveCount(0);
    await expect(guest.page.getByTestId('recording-indicator')).toHaveText('Recording — you are left out');

    await host.page.getByRole('button', { name: 'Stop recording' }).click();
    await expect(host.page.getByTestId('recording-indicator')).toHaveCount(0);
    await expect(guest.page.getByTestId('recording-indicator')).toHaveCount(0);
  });
});
