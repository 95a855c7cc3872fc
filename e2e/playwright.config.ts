import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// `npm test` exports MEDIASOUP_WORKER_BIN; a bare `npx playwright test` finds the cached worker the same way.
if (!process.env.MEDIASOUP_WORKER_BIN) {
  const out = execFileSync('bash', [path.resolve(import.meta.dirname, '../infra/mediasoup-worker/build.sh')], { encoding: 'utf8' });
  process.env.MEDIASOUP_WORKER_BIN = out.trim().split('\n').at(-1);
}

/** The platform under test: the built server on its own port, so a dev server on 3000 does not interfere. */
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
/** A fresh database per run, seeded with the demo expo; the server's clock may be moved by the specs. */
const databaseFile = path.join(os.tmpdir(), `cloud-appointment-e2e-${process.pid}.sqlite`);

/**
 * Debian's Chromium, never a downloaded browser. Fake camera and microphone; the
 * fake UI accepts permission prompts (including screen capture).
 */
const chromiumArgs = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--auto-select-desktop-capture-source=Entire screen',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two cores: browsers that send video saturate them, so specs run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: {
    command: 'node ../server/dist/main.js',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port), LOG_LEVEL: 'warn', MEDIA_WORKERS: '2', DATABASE_FILE: databaseFile, ALLOW_TEST_CLOCK: 'true' },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
