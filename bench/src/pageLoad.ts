import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { Samples, type Summary } from './lib/stats.js';
import { measureLinkToFace, measurePeerLinkToFace, type LinkToFace } from './linkToFace.js';
import { startTarget } from './targets/spawn.js';

export type PageLoadOptions = {
  /** Cold loads per page, each in a fresh browser context (empty cache). */
  loads: number;
  /** Another product's direct meeting link ({room}, {name}) on loopback, measured beside ours (link → face). */
  peerMeetUrl?: string;
};

export type PageLoad = {
  page: string;
  path: string;
  /** The figure: LCP for the expo hall, the name field of the pre-join screen for the meeting page. */
  figure: string;
  /** Navigation start → the figure, ms. */
  ms: Summary;
  /** Navigation start → first contentful paint, ms. */
  fcpMs: Summary;
  /** Compressed script bytes on the wire (Resource Timing transferSize), median over the loads. */
  scriptTransferBytes: number;
};

export type PageLoadResult = { options: PageLoadOptions; browser: string; loads: PageLoad[]; face: LinkToFace; peerFace: LinkToFace | null };

// Run in the page (strings: the bench compiles against Node's types, not the DOM's).
/** LCP as the page saw it (the observer's buffered entries), read once the page is loaded and idle. */
const LCP_IN_PAGE = `new Promise((resolve) => {
  let last = NaN;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(last), 300);
})`;
/** First contentful paint and the compressed bytes of every script (Resource Timing transferSize). */
const FCP_AND_SCRIPTS_IN_PAGE = `(() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
  const scripts = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
  return { fcp, scriptBytes: scripts.reduce((n, r) => n + r.transferSize, 0) };
})()`;

/**
 * Cold page loads in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium; the one
 * the e2e tests drive) against the platform in its own process on loopback, with the
 * built client as `npm start` serves it (precompressed, cached by hash): the expo hall's
 * Largest Contentful Paint, and how soon the meeting link shows the pre-join name field.
 */
export async function measurePageLoads(options: PageLoadOptions, log: (line: string) => void): Promise<PageLoadResult> {
  const databaseFile = path.join(os.tmpdir(), `ca-bench-pages-${process.pid}-${Date.now()}.sqlite`);
  const platform = await startTarget('platform', { databaseFile, mediaWorkers: 1, maxPeersPerRoom: 50 });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
    const pages = [
      { page: 'expo hall', path: '/expo', figure: 'largest contentful paint', ready: 'lcp' as const },
      { page: 'meeting link', path: '/meet/bench-page-load', figure: 'pre-join name field visible', ready: 'input' as const },
    ];
    const loads: PageLoad[] = [];
    for (const p of pages) {
      log(`page load: ${p.page}, ${options.loads} cold loads`);
      const figure = new Samples();
      const fcp = new Samples();
      const scriptBytes = new Samples();
      for (let i = 0; i < options.loads; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${platform.url}${p.path}`, { waitUntil: 'load' });
        if (p.ready === 'input') {
          await page.locator('input').first().waitFor({ state: 'visible', timeout: 15_000 });
          figure.add(await page.evaluate<number>('performance.now()'));
        } else {
          await page.waitForLoadState('networkidle');
          figure.add(await page.evaluate<number>(LCP_IN_PAGE));
        }
        const { fcp: f, scriptBytes: bytes } = await page.evaluate<{ fcp: number; scriptBytes: number }>(FCP_AND_SCRIPTS_IN_PAGE);
        fcp.add(f);
        scriptBytes.add(bytes);
        await context.close();
      }
      loads.push({
        page: p.page,
        path: p.path,
        figure: p.figure,
        ms: figure.summary(),
        fcpMs: fcp.summary(),
        scriptTransferBytes: scriptBytes.summary().p50,
      });
    }
    const face = await measureLinkToFace(browser, platform.url, options.loads, log);
    const peerFace = options.peerMeetUrl ? await measurePeerLinkToFace(browser, options.peerMeetUrl, options.loads, log) : null;
    return { options, browser: `Chromium ${browser.version()}`, loads, face, peerFace };
  } finally {
    await browser?.close();
    await platform.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  }
}
