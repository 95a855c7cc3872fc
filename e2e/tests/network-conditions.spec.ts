import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test, uniqueRoom } from '../support/meeting.js';
import { tilesOf } from '../support/people.js';
import { startTestHosts, type TestHosts } from '../support/testHosts.js';
import { audioBytesReceived, instrumentWebRtc, videoAdvances } from '../support/webrtc.js';

// Real network conditions: the platform on one test host (a network namespace), Ann's browser
// on another behind a veth link that the test shapes with tc tbf, cuts, or filters with
// nftables; Ben watches from the server's host. What Ben decodes of Ann's camera shows what
// got through. The spec starts its own platform (server/dist) inside the namespaces, on
// E2E_PORT + 10.

const root = path.resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 3100) + 10;

test.describe.configure({ mode: 'serial', timeout: 150_000 });

let hosts: TestHosts;
let serverBrowser: Browser;
let clientBrowser: Browser;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  hosts = await startTestHosts({ port, root });
  serverBrowser = await hosts.launchOnServer();
  clientBrowser = await hosts.launchOnClient();
});

test.afterEach(async () => {
  if (!hosts) return;
  hosts.shapeUplink(undefined);
  hosts.setLink(true);
  hosts.blockUdp(false);
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

test.afterAll(async () => {
  await clientBrowser?.close().catch(() => undefined);
  await serverBrowser?.close().catch(() => undefined);
  await hosts?.close();
});

/**
 * Joins `room` as `name` from a browser on one of the hosts. `simulcast`: the camera at the
 * normal profile (1280x720, VP8 simulcast 320/640/1280) instead of the browser tests' 'low'
 * one, whose 320x240 Chromium sends as a single layer.
 */
async function joinOn(browser: Browser, room: string, name: string, options: { simulcast?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: hosts.url });
  contexts.push(context);
  await instrumentWebRtc(context);
  if (options.simulcast) {
    await context.addInitScript(() => {
      window.localStorage.removeItem('ca:video-profile');
      window.localStorage.setItem('ca:video-codec', 'vp8');
    });
  }
  const page = await context.newPage();
  await page.goto(`/meet/${room}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Leave' })).toBeVisible({ timeout: 30_000 });
  return page;
}

/** The widest frame Ben currently decodes from an inbound video stream (0 when none). */
async function receivedWidth(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    let width = 0;
    for (const pc of w.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; frameWidth?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') width = Math.max(width, s.frameWidth ?? 0);
      });
    }
    return width;
  });
}

type Layer = { rid: string; width: number; bytes: number; limitation: string; active: boolean };

/** Ann's outgoing camera layers (one per simulcast rid, or one SVC stream), as her browser reports them. */
async function sentLayers(page: Page): Promise<Layer[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    const out: { rid: string; width: number; bytes: number; limitation: string; active: boolean }[] = [];
    for (const pc of w.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach(
        (s: {
          type: string;
          kind?: string;
          rid?: string;
          frameWidth?: number;
          bytesSent?: number;
          qualityLimitationReason?: string;
          active?: boolean;
        }) => {
          if (s.type === 'outbound-rtp' && s.kind === 'video') {
            out.push({
              rid: s.rid ?? '',
              width: s.frameWidth ?? 0,
              bytes: s.bytesSent ?? 0,
              limitation: s.qualityLimitationReason ?? '',
              active: s.active ?? true,
            });
          }
        },
      );
    }
    return out.sort((a, b) => a.rid.localeCompare(b.rid));
  });
}

/** The transport protocol (udp/tcp) of every connected peer connection's selected candidate pair on the page. */
async function selectedProtocols(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __peerConnections: RTCPeerConnection[] };
    const out: string[] = [];
    for (const pc of w.__peerConnections) {
      if (pc.connectionState !== 'connected') continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((s: Record<string, unknown> & { id: string }) => stats.set(s.id, s));
      for (const s of stats.values()) {
        if (s.type !== 'transport' || typeof s.selectedCandidatePairId !== 'string') continue;
        const pair = stats.get(s.selectedCandidatePairId);
        const local = pair && stats.get(String(pair.localCandidateId));
        if (local) out.push(String(local.protocol));
      }
    }
    return out;
  });
}

/** Polls until `read` satisfies `ok`; returns the last value (the assertion reports it). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}

test('simulcast steps down under a 300 kbit/s uplink and comes back when it lifts', async () => {
  const room = uniqueRoom('shaped');
  const ben = await joinOn(serverBrowser, room, 'Ben');
  const ann = await joinOn(clientBrowser, room, 'Ann', { simulcast: true });
  await expect(tilesOf(ben, 'Ann')).toBeVisible();
  const full = await until(
    () => receivedWidth(ben),
    (w) => w >= 640,
    30_000,
  );
  expect(full, 'Ben decodes a 640-wide layer or better on the open link').toBeGreaterThanOrEqual(640);
  // A layer counts while its bytes grow: a layer the encoder dropped keeps its last frameWidth in the stats.
  const activeLayers = async () => {
    const before = new Map((await sentLayers(ann)).map((l) => [l.rid, l.bytes]));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return (await sentLayers(ann)).filter((l) => l.active && l.bytes - (before.get(l.rid) ?? 0) > 1_000).length;
  };
  const layersBefore = await until(activeLayers, (n) => n >= 2, 20_000);

  hosts.shapeUplink(300);
  const shaped = await until(
    () => receivedWidth(ben),
    (w) => w > 0 && w < full,
    40_000,
  );
  // The browser's bandwidth estimate falls after the first losses; its encoder then stops the top layers.
  const layersShaped = await until(activeLayers, (n) => n < layersBefore, 30_000);
  expect(shaped, 'a lower layer at 300 kbit/s').toBeLessThan(full);
  expect(layersShaped, 'Ann sends fewer layers').toBeLessThan(layersBefore);
  await videoAdvances(ben, 25_000);

  hosts.shapeUplink(undefined);
  // Audio-first may have started at 300 kbit/s; it ends after ~10 s of good samples, then the layers ramp up.
  // Coming back is the sender's layers returning; what Ben decodes then is what his tile asks for
  // (often the 640 layer), so his width must not fall further and his video must keep moving.
  const layersLifted = await until(activeLayers, (n) => n > layersShaped, 75_000);
  // Read Ben's width once video flows to him again: right after the layers return he may still be in the
  // audio-first pause (incoming video paused, width 0) that the 300 kbit/s period started.
  const lifted = await until(
    () => receivedWidth(ben),
    (w) => w >= shaped,
    30_000,
  );
  expect(lifted, 'no lower layer than under the limit').toBeGreaterThanOrEqual(shaped);
  await videoAdvances(ben, 25_000);
  expect(layersLifted, 'Ann sends more layers again').toBeGreaterThan(layersShaped);
  test.info().annotations.push({
    type: 'layers',
    description: `Ben decodes ${full} -> ${shaped} -> ${lifted} px; Ann sends ${layersBefore} -> ${layersShaped} -> ${layersLifted} layers`,
  });
  await expect(ann.getByText(/video is paused/i)).toHaveCount(0);
});

test('under a 100 kbit/s uplink the sender goes audio-first and the audio keeps flowing', async () => {
  const room = uniqueRoom('audiofirst');
  const ben = await joinOn(serverBrowser, room, 'Ben');
  const ann = await joinOn(clientBrowser, room, 'Ann');
  await videoAdvances(ben, 20_000);

  hosts.shapeUplink(100);
  await expect(ann.getByText(/video is paused to keep the audio clear/i)).toBeVisible({ timeout: 45_000 });
  const before = await audioBytesReceived(ben);
  const after = await until(
    () => audioBytesReceived(ben),
    (n) => n > before + 4_000,
    15_000,
  );
  expect(after - before, "Ann's audio still reaches Ben").toBeGreaterThan(4_000);
});

test('a 5 s link drop resumes the same tile', async () => {
  const room = uniqueRoom('linkdrop');
  const ben = await joinOn(serverBrowser, room, 'Ben');
  await joinOn(clientBrowser, room, 'Ann');
  await videoAdvances(ben, 20_000);
  // Mark Ann's tile element on Ben's page: the same tile (not a new one) must carry it afterwards.
  await tilesOf(ben, 'Ann').evaluate((el) => el.setAttribute('data-faults-mark', 'before-drop'));

  hosts.setLink(false);
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  hosts.setLink(true);

  await videoAdvances(ben, 30_000, 30);
  await expect(tilesOf(ben, 'Ann')).toHaveCount(1);
  await expect(tilesOf(ben, 'Ann')).toHaveAttribute('data-faults-mark', 'before-drop');
});

test('with UDP blocked on the client host, media flows over TCP', async () => {
  hosts.blockUdp(true);
  const room = uniqueRoom('noudp');
  const ben = await joinOn(serverBrowser, room, 'Ben');
  const ann = await joinOn(clientBrowser, room, 'Ann');
  await videoAdvances(ben, 45_000, 20);
  await videoAdvances(ann, 45_000, 20);
  const protocols = await selectedProtocols(ann);
  expect(protocols.length).toBeGreaterThan(0);
  expect(
    protocols.every((p) => p === 'tcp'),
    protocols.join(','),
  ).toBe(true);
});
