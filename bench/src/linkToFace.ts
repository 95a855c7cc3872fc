import type { Browser, BrowserContext, Page } from '@playwright/test';
import { Samples, type Summary } from './lib/stats.js';

export type LinkToFace = {
  /** Where the guest went: ours, or another product given with --peer-meet-url (for a same-run comparison). */
  product: string;
  loads: number;
  failed: number;
  /** Navigation start → the name field visible (ours only). */
  nameField: Summary;
  /** Navigation start → Join pressed (as soon as it could be). */
  joinPressed: Summary;
  /** Navigation start → the first remote video frame decoded. */
  firstFrame: Summary;
  /** Join pressed → the first remote video frame decoded. */
  joinToFrame: Summary;
};

// Run in the page (strings: the bench compiles against Node's types, not the DOM's).
/** Remembers every RTCPeerConnection, and keeps the camera small (two cores, several Chromiums). */
const INSTRUMENT = `(() => {
  window.__pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native { constructor(c) { super(c); window.__pcs.push(this); } };
  try { localStorage.setItem('ca:video-profile', 'low'); } catch {}
})()`;
/** Resolves with performance.now() once any inbound video stream has decoded a frame (polls getStats every 10 ms). */
const FIRST_FRAME_IN_PAGE = `new Promise((resolve) => {
  const poll = async () => {
    for (const pc of window.__pcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      let decoded = false;
      report.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video' && (s.framesDecoded ?? 0) > 0) decoded = true; });
      if (decoded) return resolve(performance.now());
    }
    setTimeout(poll, 10);
  };
  poll();
})`;

/** Resolves once the page has a connected RTCPeerConnection (polls every 20 ms). */
const CONNECTED_IN_PAGE = `new Promise((resolve) => {
  const poll = () => (window.__pcs.some((pc) => pc.connectionState === 'connected') ? resolve(true) : setTimeout(poll, 20));
  poll();
})`;

/** A fresh context whose pages talk to loopback only (this bench's rule: anything else is aborted at once). */
async function instrumented(browser: Browser, options: { selfSigned?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // A peer product on loopback may redirect to HTTPS with its own self-signed certificate (MiroTalk does).
  const context = await browser.newContext({ ignoreHTTPSErrors: options.selfSigned ?? false });
  await context.addInitScript(INSTRUMENT);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
  return { context, page: await context.newPage() };
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} not within ${ms / 1000} s`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Someone already in our meeting room, sending their (fake) camera. */
async function hostIn(browser: Browser, url: string): Promise<BrowserContext> {
  const { context, page } = await instrumented(browser);
  await page.goto(url);
  await page.getByLabel('Your name').fill('Host');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Leave' }).waitFor({ timeout: 15_000 });
  return context;
}

/**
 * A guest opening a meeting link in a cold browser context (empty cache) while someone else is in
 * the room: navigation start → name field → Join pressed → first remote video frame decoded.
 */
export async function measureLinkToFace(browser: Browser, baseUrl: string, loads: number, log: (line: string) => void): Promise<LinkToFace> {
  const [nameField, joinPressed, firstFrame, joinToFrame] = [new Samples(), new Samples(), new Samples(), new Samples()];
  let failed = 0;
  log(`link to face: ${loads} cold guests, each with a host already in the room`);
  for (let i = 0; i < loads; i++) {
    const url = `${baseUrl}/meet/bench-face-${Date.now().toString(36)}-${i}`;
    const host = await hostIn(browser, url);
    const guest = await instrumented(browser);
    try {
      await guest.page.goto(url);
      const name = guest.page.getByLabel('Your name');
      await name.waitFor({ state: 'visible', timeout: 15_000 });
      nameField.add(await guest.page.evaluate<number>('performance.now()'));
      await name.fill('Guest');
      const join = guest.page.getByRole('button', { name: 'Join', exact: true });
      await join.click();
      const pressed = await guest.page.evaluate<number>('performance.now()');
      const frame = await withDeadline(guest.page.evaluate<number>(FIRST_FRAME_IN_PAGE), 20_000, 'a remote frame');
      joinPressed.add(pressed);
      firstFrame.add(frame);
      joinToFrame.add(frame - pressed);
    } catch (error) {
      failed++;
      log(`link to face: load ${i + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await guest.context.close();
      await host.close();
    }
  }
  return {
    product: 'ours',
    loads,
    failed,
    nameField: nameField.summary(),
    joinPressed: joinPressed.summary(),
    firstFrame: firstFrame.summary(),
    joinToFrame: joinToFrame.summary(),
  };
}

/**
 * The same figure for another product in the same run (--peer-meet-url): a URL template with {room}
 * and {name} that joins a room directly (for MiroTalk SFU: its /join?room=…&name=… link). A host opens
 * it and waits until connected; then a cold guest opens it: navigation start → first remote frame
 * decoded. Nothing of the product is typed or clicked, so its figure has no form to fill (ours has).
 */
export async function measurePeerLinkToFace(browser: Browser, template: string, loads: number, log: (line: string) => void): Promise<LinkToFace> {
  const link = (room: string, name: string) => template.replaceAll('{room}', encodeURIComponent(room)).replaceAll('{name}', name);
  const firstFrame = new Samples();
  let failed = 0;
  log(`link to face, ${new URL(template).origin}: ${loads} cold guests`);
  for (let i = 0; i < loads; i++) {
    const room = `benchface${Date.now().toString(36)}${i}`;
    const host = await instrumented(browser, { selfSigned: true });
    const guest = await instrumented(browser, { selfSigned: true });
    try {
      await host.page.goto(link(room, 'Host'));
      await withDeadline(host.page.evaluate(CONNECTED_IN_PAGE), 30_000, "the host's connection");
      await guest.page.goto(link(room, 'Guest'));
      firstFrame.add(await withDeadline(guest.page.evaluate<number>(FIRST_FRAME_IN_PAGE), 60_000, 'a remote frame'));
    } catch (error) {
      failed++;
      log(`link to face, peer: load ${i + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await guest.context.close();
      await host.context.close();
    }
  }
  const none = new Samples().summary();
  return {
    product: new URL(template).origin,
    loads,
    failed,
    nameField: none,
    joinPressed: none,
    firstFrame: firstFrame.summary(),
    joinToFrame: none,
  };
}
