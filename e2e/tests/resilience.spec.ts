import { instrumentWebRtc, videoAdvances } from '../support/webrtc.js';
import { expect, test } from '../support/meeting.js';
import { tilesOf } from '../support/people.js';

const framesAdvance = videoAdvances;

test.describe('staying connected', () => {
  test.describe.configure({ timeout: 120_000 });

  test('after a network drop the participant comes back on their own, with no duplicate tile', async ({ join }) => {
    const room = `drop-${Date.now().toString(36)}`;
    const ann = await join(room, 'Ann');
    const ben = await join(room, 'Ben');
    await expect(tilesOf(ann, 'Ben')).toBeVisible();
    await framesAdvance(ann, 15_000);

    await ann.context().setOffline(true);
    await expect(ann.getByText(/reconnecting/i)).toBeVisible({ timeout: 30_000 });
    await ann.context().setOffline(false);
    await expect(ann.getByText(/reconnecting/i)).toHaveCount(0, { timeout: 30_000 });

    await expect(tilesOf(ben, 'Ann')).toHaveCount(1);
    await expect(tilesOf(ann, 'Ben')).toHaveCount(1);
    await framesAdvance(ann, 15_000);
    await framesAdvance(ben, 15_000);
  });

  test('when the media worker is killed, both sides decode new video within 5 seconds without reloading', async ({ join, request }) => {
    const room = `failover-${Date.now().toString(36)}`;
    const ann = await join(room, 'Ann');
    const ben = await join(room, 'Ben');
    await framesAdvance(ann, 15_000);
    await framesAdvance(ben, 15_000);

    const { pids } = (await (await request.get('/api/test/media-workers')).json()) as { pids: number[] };
    expect(pids.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // Streams of the dead worker cannot advance any more: frames that grow now come through the new one.
    const [annMs, benMs] = await Promise.all([framesAdvance(ann, 5_000), framesAdvance(ben, 5_000)]);
    const elapsed = Date.now() - killedAt;
    test.info().annotations.push({ type: 'failover', description: `media back after ${elapsed} ms (ann ${annMs}, ben ${benMs})` });
    expect(elapsed).toBeLessThan(5_500);
    await expect(tilesOf(ann, 'Ben')).toHaveCount(1);
    await expect(tilesOf(ben, 'Ann')).toHaveCount(1);
  });

  test('a client that can only use TCP (UDP candidates filtered) still sends and receives media', async ({ browser, join }) => {
    const room = `tcp-${Date.now().toString(36)}`;
    const context = await browser.newContext();
    await instrumentWebRtc(context);
    await context.addInitScript(() => window.localStorage.setItem('ca:ice-transport', 'tcp'));
    const tcp = await context.newPage();
    try {
      const ann = await join(room, 'Ann');
      await tcp.goto(`/meet/${room}`);
      // The pre-join connection test sees what this client will get: UDP blocked, TCP through.
      const check = tcp.getByRole('region', { name: 'Connection test' });
      await expect(check.getByText('UDP: blocked')).toBeVisible({ timeout: 20_000 });
      await expect(check.getByText('TCP: works')).toBeVisible();
      await tcp.getByLabel('Your name').fill('Tess TCP');
      await tcp.getByRole('button', { name: 'Join', exact: true }).click();
      await framesAdvance(tcp, 20_000);
      await framesAdvance(ann, 20_000);
      const protocols = await tcp.evaluate(async () => {
        const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
        const used: string[] = [];
        for (const pc of w.__peerConnections) {
          if (pc.connectionState !== 'connected') continue;
          const stats = new Map<string, { type: string; protocol?: string; state?: string; nominated?: boolean; remoteCandidateId?: string }>();
          (await pc.getStats()).forEach((s: { id: string; type: string }) => stats.set(s.id, s));
          for (const s of stats.values()) {
            if (s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated && s.remoteCandidateId) {
              used.push(stats.get(s.remoteCandidateId)?.protocol ?? '?');
            }
          }
        }
        return used;
      });
      expect(protocols.length).toBeGreaterThan(0);
      expect(new Set(protocols)).toEqual(new Set(['tcp']));
    } finally {
      await context.close();
    }
  });
});
