import { expect, test, uniqueRoom } from '../support/meeting.js';
import { audioBytesReceived, framesDecoded } from '../support/webrtc.js';

test.describe('a booth meeting between two browsers', () => {
  test("each participant decodes the other's camera and hears their microphone", async ({ join }) => {
    const room = uniqueRoom('meet');
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');

    await expect(alice.getByRole('figure', { name: 'Bob', exact: true })).toBeVisible();
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toBeVisible();

    for (const page of [alice, bob]) {
      await expect.poll(async () => Math.max(0, ...(await framesDecoded(page))), { timeout: 30_000 }).toBeGreaterThan(0);
      const before = await audioBytesReceived(page);
      await expect.poll(() => audioBytesReceived(page), { timeout: 15_000 }).toBeGreaterThan(before);
      expect(before).toBeGreaterThanOrEqual(0);
    }
  });

  test('a screen share appears as its own tile at the other side and goes away when stopped', async ({ join }) => {
    const room = uniqueRoom('share');
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toBeVisible();

    await alice.getByRole('button', { name: 'Share screen' }).click();
    const screenTile = bob.getByRole('figure', { name: 'Alice (screen)' });
    await expect(screenTile).toBeVisible();
    // Bob now decodes two videos from Alice: camera and screen.
    await expect.poll(async () => (await framesDecoded(bob)).filter((n) => n > 0).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

    await alice.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(screenTile).toHaveCount(0);
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toBeVisible();
  });

  test('muting and turning the camera off show at the other side', async ({ join }) => {
    const room = uniqueRoom('mute');
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    const aliceAtBob = bob.getByRole('figure', { name: 'Alice', exact: true });
    await expect(aliceAtBob).toBeVisible();

    await alice.getByRole('button', { name: 'Mute microphone', exact: true }).click();
    await expect(alice.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
    await expect(aliceAtBob.getByText(/muted/i)).toBeVisible();

    await alice.getByRole('button', { name: 'Turn camera off' }).click();
    await expect(alice.getByRole('button', { name: 'Turn camera on' })).toBeVisible();
    await expect(aliceAtBob.getByText(/camera off/i)).toBeVisible();

    await alice.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect(aliceAtBob.getByText(/muted/i)).toHaveCount(0);
  });

  test('after Leave, the other participant no longer sees the one who left', async ({ join }) => {
    const room = uniqueRoom('leave');
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toBeVisible();

    await alice.getByRole('button', { name: 'Leave' }).click();
    await expect(alice.getByText('You left the meeting')).toBeVisible();
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toHaveCount(0);
    await expect(bob.getByText('1 participant')).toBeVisible();
  });

  test("a participant who closes the tab disappears from the others' screens", async ({ join }) => {
    const room = uniqueRoom('close-tab');
    const alice = await join(room, 'Alice');
    const bob = await join(room, 'Bob');
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toBeVisible();
    await alice.context().close();
    await expect(bob.getByRole('figure', { name: 'Alice', exact: true })).toHaveCount(0, { timeout: 30_000 });
  });
});
