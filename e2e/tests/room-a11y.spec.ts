import { expect, test, uniqueRoom } from '../support/meeting.js';

test.describe('the meeting room for keyboard and screen-reader users', () => {
  test('focus lands on the room, joins, hands and chat are announced politely, and mute and chat work from the keyboard', async ({ join }) => {
    const room = uniqueRoom('a11y');
    const ann = await join(room, 'Ann');
    // The room opens with focus on its heading, so reading starts there.
    await expect(ann.getByRole('heading', { level: 1 })).toBeFocused();
    const announcer = ann.getByTestId('room-announcer');
    await expect(announcer).toHaveAttribute('aria-live', 'polite');

    const ben = await join(room, 'Ben');
    await expect(announcer).toHaveText('Ben joined.');
    await ben.getByRole('button', { name: 'Raise hand' }).click();
    await expect(announcer).toHaveText('Ben raised their hand.');

    // Ben writes with the keyboard only: Tab to the message box, type, Enter.
    const box = ben.getByRole('textbox', { name: 'Message' });
    await box.focus();
    await ben.keyboard.type('Hello, keyboard');
    await ben.keyboard.press('Enter');
    await expect(announcer).toHaveText('Ben wrote: Hello, keyboard');
    // Ben's own message is not read back to Ben.
    await expect(ben.getByTestId('room-announcer')).not.toContainText('Hello, keyboard');

    // Ann mutes from the keyboard: the button takes focus with Tab and Space presses it.
    const mute = ann.getByRole('button', { name: 'Mute microphone' });
    await mute.focus();
    await expect(mute).toBeFocused();
    await ann.keyboard.press('Space');
    await expect(ann.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();

    await ben.getByRole('button', { name: 'Leave' }).click();
    await expect(announcer).toHaveText('Ben left.');
  });
});
