import { expect, test, uniqueRoom } from '../support/meeting.js';
import { inboundStats } from '../support/webrtc.js';

/** Bytes received so far on each inbound audio stream of the page. */
const audioIn = async (page: import('@playwright/test').Page) => (await inboundStats(page)).filter((s) => s.kind === 'audio');

test.describe('interpretation channels', () => {
  test('an interpreter opens a Spanish channel; a listener picks it, hears it over the lowered floor, and receives only that channel', async ({
    join,
  }) => {
    const room = uniqueRoom('interp');
    const speaker = await join(room, 'Speaker');
    const interpreter = await join(room, 'Ana');
    const listener = await join(room, 'Listener');

    // Before any channel: the listener receives the two microphones (floor) only.
    await expect(listener.getByText('No interpretation channel is live.')).toBeVisible();
    await expect.poll(async () => (await audioIn(listener)).length, { timeout: 15_000 }).toBe(2);

    const panel = interpreter.getByRole('region', { name: 'Interpretation' });
    await panel.getByText('Interpret into another language').click();
    await panel.getByLabel('Interpret into').selectOption({ label: 'Spanish' });
    await panel.getByRole('button', { name: 'Start interpreting' }).click();
    await expect(panel.getByText('You are interpreting into Spanish. Your microphone is off for the floor.')).toBeVisible();
    // Ana's floor microphone goes quiet while she interprets.
    await expect(listener.getByRole('figure', { name: 'Ana', exact: true })).toHaveAttribute('data-muted', 'true');

    const listening = listener.getByRole('region', { name: 'Interpretation' });
    await expect(listening.getByText('Live now: Spanish')).toBeVisible({ timeout: 15_000 });
    // Live but not chosen: not received.
    expect((await audioIn(listener)).length).toBe(2);

    await listening.getByLabel('Listen to').selectOption({ label: 'Spanish' });
    // The channel is received and flows; the floor plays at the ducked level.
    await expect.poll(async () => (await audioIn(listener)).length, { timeout: 15_000 }).toBe(3);
    const first = (await audioIn(listener)).reduce((s, a) => s + a.bytesReceived, 0);
    await expect.poll(async () => (await audioIn(listener)).reduce((s, a) => s + a.bytesReceived, 0), { timeout: 10_000 }).toBeGreaterThan(first);
    await expect(listening.locator('audio')).toHaveCount(1);
    await expect(listener.locator('.tile audio[data-volume="0.2"]').first()).toBeAttached();
    await listening.getByLabel('Floor volume under the interpreter').fill('50');
    await expect(listener.locator('.tile audio[data-volume="0.5"]').first()).toBeAttached();

    // Back to the floor: full volume, the channel's player goes.
    await listening.getByLabel('Listen to').selectOption({ label: 'Floor (original)' });
    await expect(listening.locator('audio')).toHaveCount(0);
    await expect(listener.locator('.tile audio[data-volume="1"]').first()).toBeAttached();

    // Ana stops: the channel is no longer live anywhere.
    await panel.getByRole('button', { name: 'Stop interpreting' }).click();
    await expect(listening.getByText('No interpretation channel is live.')).toBeVisible({ timeout: 15_000 });
    // …and her floor microphone is back on.
    await expect(listener.getByRole('figure', { name: 'Ana', exact: true })).not.toHaveAttribute('data-muted', 'true');
    await expect(speaker.getByText('No interpretation channel is live.')).toBeVisible();
  });
});
