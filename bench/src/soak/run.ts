import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { table } from '../lib/format.js';
import { benchRoot, describeMachine, machineLine, type Machine } from '../lib/machine.js';
import { round } from '../join/run.js';
import type { TargetSample } from '../targets/protocol.js';
import { startTarget } from '../targets/spawn.js';
import type { SoakTargetOptions } from './soakTarget.js';

/**
 * Soak: meetings of `participants` wrtc peers (small synthetic media) join and leave the
 * platform continuously, `meetings` at a time, for `minutes`. The platform's memory and its
 * media worker's are sampled every `sampleSeconds`; at the end, once every participant's
 * resume grace has run out, its live mediasoup objects, rooms and timers must be back to
 * where they were before the first meeting.
 */
export type SoakOptions = {
  minutes: number;
  /** Meetings running at once (each its own lane: join, leave, next room). Default 3. */
  meetings: number;
  /** People per meeting. Default 2. */
  participants: number;
  sampleSeconds: number;
  /** The platform's RESUME_GRACE_MS during the soak (a participant's place is kept this long after leaving by a dropped socket). */
  resumeGraceMs: number;
};

export type SoakSample = {
  atSeconds: number;
  meetingsDone: number;
  serverRssMb: number;
  heapUsedMb: number;
  workerRssMb: number;
  counters: Record<string, number>;
};

export type SoakResult = {
  options: SoakOptions;
  machine: Machine;
  startedAt: string;
  meetingsDone: number;
  joinsFailed: number;
  samples: SoakSample[];
  /** Least-squares slopes over the samples after the first fifth (warm-up), MB per hour. */
  slopes: { serverRssMbPerHour: number; heapUsedMbPerHour: number; workerRssMbPerHour: number };
  /** Counters before the first meeting and after the last one had left (grace expired). */
  before: Record<string, number>;
  after: Record<string, number>;
  /** Counters not back to their starting value (empty when none leaked). */
  leaks: string[];
};

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function slope(points: { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((n, p) => n + p.x, 0) / points.length;
  const my = points.reduce((n, p) => n + p.y, 0) / points.length;
  const num = points.reduce((n, p) => n + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((n, p) => n + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

function toSample(s: TargetSample, atSeconds: number, meetingsDone: number): SoakSample {
  return {
    atSeconds,
    meetingsDone,
    serverRssMb: s.rssBytes / MB,
    heapUsedMb: s.heapUsedBytes / MB,
    workerRssMb: s.workers.reduce((n, w) => n + (w.rssBytes ?? 0), 0) / MB,
    counters: s.counters ?? {},
  };
}

/** Live objects that must return to their starting count once every meeting has gone. */
const LEAK_COUNTERS = ['routers', 'transports', 'producers', 'consumers', 'dataProducers', 'dataConsumers', 'rooms', 'handles.Timeout'];

export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakResult> {
  const databaseFile = path.join(os.tmpdir(), `ca-soak-${process.pid}-${Date.now()}.sqlite`);
  const targetOptions: SoakTargetOptions = { databaseFile, mediaWorkers: 1, maxPeersPerRoom: 50, resumeGraceMs: options.resumeGraceMs };
  const target = await startTarget('soak', targetOptions);
  const startedAt = new Date();
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  let meetingsDone = 0;
  let joinsFailed = 0;
  try {
    const before = (await target.sample()).counters ?? {};
    const samples: SoakSample[] = [toSample(await target.sample(), 0, 0)];
    const end = t0 + options.minutes * 60_000;
    const lanes = Array.from({ length: options.meetings }, async (_, lane) => {
      for (let n = 0; performance.now() < end; n++) {
        const result = await round({
          url: target.url,
          roomId: `soak-${lane}-${n}`,
          participants: options.participants,
          maxRemotePeers: null,
          audioOnly: false,
          timeoutMs: 20_000,
          width: 160,
          height: 120,
          framesPerSecond: 10,
          settleMs: 2_000,
        }).catch(() => undefined);
        meetingsDone += 1;
        joinsFailed += result ? result.outcomes.filter((o) => o.error !== null).length : options.participants;
      }
    });
    const sampler = (async () => {
      while (performance.now() < end) {
        await sleep(Math.min(options.sampleSeconds * 1000, Math.max(0, end - performance.now())));
        const sample = toSample(await target.sample(), elapsed(), meetingsDone);
        samples.push(sample);
        log(
          `soak ${sample.atSeconds.toFixed(0)} s: ${meetingsDone} meetings, server ${sample.serverRssMb.toFixed(1)} MB, worker ${sample.workerRssMb.toFixed(1)} MB, transports ${sample.counters.transports ?? '?'}`,
        );
      }
    })();
    await Promise.all([...lanes, sampler]);
    // Every participant has left; their places are kept for the resume grace, then the rooms close.
    await sleep(options.resumeGraceMs + 5_000);
    const last = await target.sample();
    const after = last.counters ?? {};
    samples.push(toSample(last, elapsed(), meetingsDone));
    const steady = samples.slice(Math.floor(samples.length / 5)).filter((s) => s.atSeconds > 0);
    const perHour = (pick: (s: SoakSample) => number) => slope(steady.map((s) => ({ x: s.atSeconds / 3600, y: pick(s) })));
    return {
      options,
      machine: describeMachine(),
      startedAt: startedAt.toISOString(),
      meetingsDone,
      joinsFailed,
      samples,
      slopes: {
        serverRssMbPerHour: perHour((s) => s.serverRssMb),
        heapUsedMbPerHour: perHour((s) => s.heapUsedMb),
        workerRssMbPerHour: perHour((s) => s.workerRssMb),
      },
      before,
      after,
      leaks: LEAK_COUNTERS.filter((name) => (after[name] ?? 0) > (before[name] ?? 0)),
    };
  } finally {
    await target.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  }
}

export function soakMarkdown(r: SoakResult): string {
  const first = r.samples[0];
  const last = r.samples.at(-1);
  // Most at once: counted by the target for mediasoup objects, else the highest sample.
  const most = (name: string) => Math.max(r.after[`peak.${name}`] ?? 0, ...r.samples.map((s) => s.counters[name] ?? 0));
  const counters = LEAK_COUNTERS.map((name) => [name, String(r.before[name] ?? 0), String(r.after[name] ?? 0), String(most(name))]);
  return [
    `# Soak: ${r.options.minutes} min, ${r.options.meetings} meetings of ${r.options.participants} at a time`,
    '',
    `${machineLine(r.machine)}; started ${r.startedAt}`,
    '',
    `${r.meetingsDone} meetings joined and left, ${r.joinsFailed} joins failed.`,
    '',
    table(
      ['memory', 'start MB', 'end MB', 'slope MB/h (after warm-up)'],
      [
        ['server RSS', first?.serverRssMb.toFixed(1) ?? '', last?.serverRssMb.toFixed(1) ?? '', r.slopes.serverRssMbPerHour.toFixed(2)],
        ['server heap used', first?.heapUsedMb.toFixed(1) ?? '', last?.heapUsedMb.toFixed(1) ?? '', r.slopes.heapUsedMbPerHour.toFixed(2)],
        ['worker RSS', first?.workerRssMb.toFixed(1) ?? '', last?.workerRssMb.toFixed(1) ?? '', r.slopes.workerRssMbPerHour.toFixed(2)],
      ],
    ),
    '',
    table(['live objects', 'before', 'after the last left', 'most at once'], counters),
    '',
    r.leaks.length ? `LEAKED: ${r.leaks.join(', ')}` : 'No leaked transports, producers, consumers, rooms or timers.',
    '',
  ].join('\n');
}

/** Writes soak-<timestamp>.json and .md into `dir` (default bench/results); returns the Markdown. */
export function writeSoakReport(r: SoakResult, dir = path.join(benchRoot, 'results')): string {
  const markdown = soakMarkdown(r);
  mkdirSync(dir, { recursive: true });
  const stamp = `soak-${r.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}`;
  writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(path.join(dir, `${stamp}.md`), markdown);
  return markdown;
}
