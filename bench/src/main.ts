/**
 * Cloud Appointment benchmarks. `npm run bench -w bench -- [--smoke | --quick | --full] [--only=signaling,booking,media,relay,join,bundle]`
 * Writes bench/results/<timestamp>.json and .md and prints the Markdown.
 *
 * Soak (its own run and report): `npm run bench -- --only=soak [--minutes=30] [--meetings=3]`
 * writes bench/results/soak-<timestamp>.json and .md; exits 1 when a live-object counter leaked.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchRoot, describeMachine, probeCpu, repoRoot } from './lib/machine.js';
import { profiles, type Mode } from './profiles.js';
import { renderMarkdown, type BenchResult, type Outcome } from './report.js';
import { startTarget } from './targets/spawn.js';

const sections = ['signaling', 'booking', 'media', 'relay', 'join', 'stage-engines', 'bundle'] as const;
type Section = (typeof sections)[number];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function parseArgs(argv: string[]): { mode: Mode; only: Set<Section>; peerMeetUrl: string | undefined } {
  let mode: Mode = 'full';
  let only = new Set<Section>(sections);
  let peerMeetUrl: string | undefined;
  for (const arg of argv) {
    if (arg === '--smoke' || arg === '--quick' || arg === '--full') mode = arg.slice(2) as Mode;
    else if (arg.startsWith('--peer-meet-url='))
      peerMeetUrl = new URL(arg.slice('--peer-meet-url='.length)).href.replaceAll('%7B', '{').replaceAll('%7D', '}');
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((n) => !(sections as readonly string[]).includes(n));
      if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; choose from ${sections.join(', ')}`);
      only = new Set(names as Section[]);
    } else {
      throw new Error(
        `unknown argument ${arg}\nusage: npm run bench -w bench -- [--smoke|--quick|--full] [--only=${sections.join(',')}] [--peer-meet-url=URL with {room} and {name}]`,
      );
    }
  }
  return { mode, only, peerMeetUrl };
}

/** The mediasoup worker binary, built once by infra/ (prints the cached path at once when it exists). */
function ensureWorkerBinary(): void {
  const current = process.env.MEDIASOUP_WORKER_BIN;
  if (current) {
    try {
      accessSync(current, constants.X_OK);
      return;
    } catch {
      log(`MEDIASOUP_WORKER_BIN=${current} is not executable; asking infra/mediasoup-worker/build.sh`);
    }
  }
  const build = spawnSync('bash', [path.join(repoRoot, 'infra/mediasoup-worker/build.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 900_000,
  });
  const bin = build.stdout?.trim().split('\n').at(-1);
  if (build.status !== 0 || !bin) throw new Error('infra/mediasoup-worker/build.sh did not give a worker binary');
  process.env.MEDIASOUP_WORKER_BIN = bin;
}

async function timed<T>(name: string, run: () => Promise<T> | T): Promise<Outcome<T>> {
  const t0 = performance.now();
  try {
    const result = await run();
    const seconds = (performance.now() - t0) / 1000;
    log(`${name} done in ${seconds.toFixed(0)} s`);
    return { ok: true, seconds, result };
  } catch (error) {
    const seconds = (performance.now() - t0) / 1000;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${name} FAILED after ${seconds.toFixed(0)} s: ${message}`);
    return { ok: false, seconds, error: message };
  }
}

/** `--only=soak [--minutes=N] [--meetings=N] [--participants=N] [--sample-seconds=N] [--out=DIR]` (report folder, default bench/results). */
async function soak(args: string[]): Promise<number> {
  const value = (name: string, fallback: number) => {
    const arg = args.find((a) => a.startsWith(`--${name}=`));
    const n = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const known = /^--(only=soak|minutes=|meetings=|participants=|sample-seconds=|out=)/;
  const unknown = args.filter((a) => !known.test(a));
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(' ')} for the soak`);
  ensureWorkerBinary();
  const { runSoak, writeSoakReport } = await import('./soak/run.js');
  const result = await runSoak(
    {
      minutes: value('minutes', 30),
      meetings: value('meetings', 3),
      participants: value('participants', 2),
      sampleSeconds: value('sample-seconds', 15),
      resumeGraceMs: 3_000,
    },
    log,
  );
  const out = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  process.stdout.write(`${writeSoakReport(result, out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), out) : undefined)}\n`);
  // A soak that never saw a transport did not measure anything.
  const counted = (result.after['peak.transports'] ?? 0) > 0 && result.joinsFailed < result.meetingsDone * result.options.participants;
  return result.leaks.length > 0 || !counted ? 1 : 0;
}

type Sections = { only: ReadonlySet<string>; profile: (typeof profiles)[keyof typeof profiles]; result: Partial<BenchResult> };

/** Signaling and the booking API on one platform process (SQLite), then booking on PostgreSQL. */
async function platformSections(only: Sections['only'], profile: Sections['profile'], result: Sections['result']): Promise<void> {
  if (only.has('signaling') || only.has('booking')) {
    // One platform process serves both, as in production: signaling first (its memory
    // figures want a fresh process), then the booking API.
    const databaseFile = path.join(os.tmpdir(), `ca-bench-${process.pid}-${Date.now()}.sqlite`);
    // The saturation loop asks far above a person's 100 requests/s per socket: the limit is set out of its reach
    // so that CPU per ack compares answered requests with answered requests (the limiter itself still runs).
    const started = await timed('platform start', () =>
      startTarget('platform', { databaseFile, mediaWorkers: 1, maxPeersPerRoom: profile.signaling.roomSize, socketRequestsPerSecond: 10_000 }),
    );
    if (started.ok) {
      result.platformStartSeconds = started.seconds;
      const platform = started.result;
      try {
        if (only.has('signaling')) {
          const { runSignaling } = await import('./signaling/run.js');
          result.signaling = await timed('signaling', () => runSignaling(profile.signaling, platform, log));
        }
        if (only.has('booking')) {
          const { runBooking, sqliteDatabase } = await import('./booking/run.js');
          result.booking = await timed('booking', () =>
            runBooking(profile.booking, { target: platform, engine: 'SQLite', database: sqliteDatabase }, log),
          );
        }
      } finally {
        await platform.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
      }
    } else {
      if (only.has('signaling')) result.signaling = started;
      if (only.has('booking')) result.booking = started;
    }
  }
  if (only.has('booking')) {
    // The same runs against a second platform process on a fresh PostgreSQL database (seeded on start).
    const { runBooking } = await import('./booking/run.js');
    const { withBenchDatabase } = await import('./booking/postgres.js');
    result.bookingPostgres = await timed('booking on PostgreSQL', () =>
      withBenchDatabase(log, async ({ url, description }) => {
        const platform = await startTarget('platform', { databaseUrl: url, mediaWorkers: 1, maxPeersPerRoom: profile.signaling.roomSize });
        try {
          return await runBooking(profile.booking, { target: platform, engine: 'PostgreSQL', database: description }, log);
        } finally {
          await platform.close();
        }
      }),
    );
  }
}

/** Media fan-out, relay, join, stage engines and the client bundle: each starts what it needs. */
async function otherSections(only: Sections['only'], profile: Sections['profile'], result: Sections['result']): Promise<void> {
  if (only.has('media')) {
    // Imported only now: mediasoup reads MEDIASOUP_WORKER_BIN when it loads.
    const { runMedia } = await import('./media/run.js');
    result.media = await timed('media', () => runMedia(profile.media, log));
  }
  if (only.has('relay')) {
    const { runRelay } = await import('./media/relay.js');
    result.relay = await timed('relay', () => runRelay(profile.relay, log));
  }
  if (only.has('join')) {
    // Its own platform process, and a child process of wrtc peers per round (wrtc may crash at exit).
    const { runJoin } = await import('./join/run.js');
    result.join = await timed('join', () => runJoin(profile.join, log));
  }
  if (only.has('stage-engines')) {
    // Also starts (or reuses) a livekit-server node through infra/livekit/ensure.sh.
    const { runStageEngines } = await import('./stage/run.js');
    result.stageEngines = await timed('stage-engines', () => runStageEngines(profile.stageEngines, log));
  }
  if (only.has('bundle')) {
    const { measureBundle } = await import('./bundle.js');
    const { measurePageLoads } = await import('./pageLoad.js');
    result.bundle = await timed('bundle', async () => ({ ...measureBundle(log), pageLoad: await measurePageLoads(profile.pageLoad, log) }));
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--only=soak')) return soak(args);
  const { mode, only, peerMeetUrl } = parseArgs(args);
  const profile = { ...profiles[mode] };
  // Another product's meeting link (running beside ours, on loopback) measured in the bundle section's page loads.
  if (peerMeetUrl) profile.pageLoad = { ...profile.pageLoad, peerMeetUrl };
  const running: { result?: Partial<BenchResult> } = {};
  const watchdog = setTimeout(() => {
    log(`the ${mode} run exceeded its ${profile.timeLimitSeconds} s limit; stopping`);
    // Report what finished: on a shared machine the sections that ran are still worth reading.
    if (running.result) writeReport(running.result, { cpuProbeMs: 200, note: `stopped at the ${profile.timeLimitSeconds} s limit` });
    process.exit(2);
  }, profile.timeLimitSeconds * 1000);
  watchdog.unref();

  ensureWorkerBinary();
  const startedAt = new Date();
  log(`${mode} run: ${[...only].join(', ')}`);
  const cpuAtStart = probeCpu(profile.cpuProbeMs);
  const result: Partial<BenchResult> = {
    mode,
    command: `npm run bench -w bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    startedAt: startedAt.toISOString(),
    machine: describeMachine(),
    cpuAtStart,
  };
  running.result = result;

  await platformSections(only, profile, result);
  await otherSections(only, profile, result);

  const report = writeReport(result, { cpuProbeMs: profile.cpuProbeMs });
  const failed = [
    report.signaling,
    report.booking,
    report.bookingPostgres,
    report.media,
    report.relay,
    report.join,
    report.stageEngines,
    report.bundle,
  ].some((o) => o && !o.ok);
  return failed ? 1 : 0;
}

/**
 * Completes the result (CPU at the end, times), writes results/<timestamp>.json and .md and
 * prints the Markdown. `note` marks a run stopped before its end.
 */
function writeReport(result: Partial<BenchResult>, options: { cpuProbeMs: number; note?: string }): BenchResult {
  const startedAt = new Date(result.startedAt ?? Date.now());
  result.cpuAtEnd = probeCpu(options.cpuProbeMs);
  result.finishedAt = new Date().toISOString();
  result.seconds = (Date.now() - startedAt.getTime()) / 1000;
  if (options.note) result.command = `${result.command ?? ''} (${options.note})`;
  const report = result as BenchResult;
  const markdown = renderMarkdown(report);
  const dir = path.join(benchRoot, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(dir, `${stamp}.md`), markdown);
  process.stdout.write(`${markdown}\n`);
  log(`wrote bench/results/${stamp}.json and .md (${report.seconds.toFixed(0)} s)`);
  return report;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
