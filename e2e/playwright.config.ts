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
/** Server-side recordings of the run (the recording spec), outside the checkout. */
const recordingsDir = path.join(os.tmpdir(), `cloud-appointment-e2e-${process.pid}-recordings`);

/**
 * cluster.spec.ts: two more nodes (ports +1 and +2) sharing the test Redis (infra/redis/ensure.sh
 * installs and starts it when missing) and a database of their own; the other specs never see them.
 */
process.env.TEST_REDIS_URL ??= execFileSync('bash', [path.resolve(import.meta.dirname, '../infra/redis/ensure.sh')], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
})
  .trim()
  .split('\n')
  .at(-1);
const clusterDatabase = path.join(os.tmpdir(), `cloud-appointment-e2e-cluster-${process.pid}.sqlite`);
const clusterNode = (n: number) => {
  const nodePort = port + n;
  // Node 2 starts once node 1 is up: the first one creates and seeds the shared SQLite file.
  const waitForNode1 = `node -e "const u='http://localhost:${port + 1}/api/health';(async()=>{for(;;){try{if((await fetch(u)).ok)return}catch{}await new Promise(r=>setTimeout(r,200))}})()" && `;
  return {
    command: `${n > 1 ? waitForNode1 : ''}node ../server/dist/main.js`,
    url: `http://localhost:${nodePort}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(nodePort),
      LOG_LEVEL: 'warn',
      MEDIA_WORKERS: '1',
      DATABASE_FILE: clusterDatabase,
      REDIS_URL: process.env.TEST_REDIS_URL ?? '',
      NODE_ID: `e2e-node-${n}`,
      PUBLIC_URL: `http://localhost:${nodePort}`,
      MEETING_TOKEN_SECRET: 'e2e-cluster-meeting-secret-0123456789abcdef',
      // A stage's second viewer already overflows to the other node (and the spec sets both clocks).
      STAGE_AUDIENCE_PER_NODE: '1',
      ALLOW_TEST_CLOCK: 'true',
    },
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
};

/**
 * livekit-stage.spec.ts: a server (port +3) whose stages run on LiveKit: one livekit-server node
 * on 127.0.0.1 from infra/livekit/ensure.sh (built with `go install` and cached when missing).
 */
const [liveKitUrl = '', liveKitKey = '', liveKitSecret = ''] = execFileSync(
  'bash',
  [path.resolve(import.meta.dirname, '../infra/livekit/ensure.sh')],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
)
  .trim()
  .split('\n')
  .at(-1)!
  .split(' ');
const liveKitStageServer = {
  command: 'node ../server/dist/main.js',
  url: `http://localhost:${port + 3}/api/health`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: {
    PORT: String(port + 3),
    LOG_LEVEL: 'warn',
    MEDIA_WORKERS: '1',
    DATABASE_FILE: path.join(os.tmpdir(), `cloud-appointment-e2e-livekit-${process.pid}.sqlite`),
    ALLOW_TEST_CLOCK: 'true',
    STAGE_MEDIA: 'livekit',
    LIVEKIT_URL: liveKitUrl,
    LIVEKIT_API_KEY: liveKitKey,
    LIVEKIT_API_SECRET: liveKitSecret,
  },
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
};

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
  // CI only: the timing specs (media back within 5 s after a worker is killed) share two cores with a
  // host that is at times heavily loaded (load average 19 measured with nothing of ours running); a spec
  // must pass once in three tries, and the report lists every flaky one.
  retries: process.env.CI ? 2 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: [
    {
      command: 'node ../server/dist/main.js',
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MEDIA_WORKERS: '2',
        DATABASE_FILE: databaseFile,
        RECORDINGS_DIR: recordingsDir,
        ALLOW_TEST_CLOCK: 'true',
      },
      stdout: 'pipe',
      stderr: 'pipe',
    },
    clusterNode(1),
    clusterNode(2),
    liveKitStageServer,
  ],
});
