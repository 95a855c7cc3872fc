import { execFileSync, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processCpuMicros } from '../lib/machine.js';
import { difference, parseHistogram, quantile, type Histogram } from '../lib/promHistogram.js';
import { sleep, summarize, type Summary } from '../lib/stats.js';
import { startTarget, type Target } from '../targets/spawn.js';
import type { JoinOutcome, JoinTimings } from './participant.js';
import { PEERS_OPTIONS_ENV, type PeersMessage, type PeersOptions } from './protocol.js';

export type JoinOptions = {
  /**
   * Room sizes; each is one or more rounds of that many participants joining one fresh room
   * at once. `maxRemotePeers`: remote participants (camera and microphone) each one consumes
   * at most, like a gallery page; absent = all N − 1. N × (N − 1) × 2 consumers in one wrtc
   * process (4,900 at N = 50: ~11,000 file descriptors, ~1,300 threads) is more than a
   * 2-core machine runs, so the profiles cap it at N = 50 and the report says so.
   */
  steps: { participants: number; rounds: number; maxRemotePeers?: number; audioOnly?: boolean }[];
  /** A join without a decoded remote video frame by then counts as failed. */
  timeoutMs: number;
  width: number;
  height: number;
  framesPerSecond: number;
  /** After the last first frame, wait at most this long for every participant to see every camera. */
  settleMs: number;
};

export type JoinStep = {
  participants: number;
  /** Microphones only: the load generator runs no video encoders or decoders. */
  audioOnly: boolean;
  /** Remote participants each one consumed at most (null = all N − 1). */
  maxRemotePeers: number | null;
  rounds: number;
  joins: number;
  failed: number;
  /** Distinct failure reasons with their counts. */
  failures: Record<string, number>;
  /** Socket connect start → first decoded remote video frame, successful joins only. */
  firstFrame: Summary;
  /** Socket connect start → a frame from every other camera (participants that got there). */
  allFrames: Summary;
  /** Medians of the milestones on the way (ms after connect start). */
  milestones: Record<Exclude<keyof JoinTimings, 'firstRemoteMedia' | 'allRemoteMedia'>, Summary>;
  /**
   * Read from the server: join request → first RTP packet forwarded on each consumer resumed while
   * joining (mediasoup trace events, the ca_join_media_seconds histogram of /metrics), seconds.
   */
  serverJoin: { consumers: number; p50: number; p95: number };
  /** Wall time of the rounds (from the first connect to the last settled join), summed. */
  wallMs: number;
  /** Fractions of one core over the rounds' wall time. */
  cpu: { peers: number; platform: number; worker: number | null };
};

export type JoinResult = {
  options: JoinOptions;
  steps: JoinStep[];
  baseline: string;
  /** How the load generator was kept from starving the server: the CPUs each side was pinned to, or null. */
  pinning: { server: string; peers: string } | null;
};

/** On two cores or more: the server (platform and workers) on CPU 0, the wrtc peers on the others. */
function pinning(): JoinResult['pinning'] {
  const count = os.cpus().length;
  return count >= 2 ? { server: '0', peers: count === 2 ? '1' : `1-${count - 1}` } : null;
}

/** Pins every thread of a process (and the threads it starts later) to `cpus`; false when taskset is missing. */
function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function joinMediaHistogram(target: Target): Promise<Histogram> {
  const response = await fetch(`${target.url}/metrics`);
  return parseHistogram(await response.text(), 'ca_join_media_seconds');
}

const peersScript = fileURLToPath(new URL('./peers.ts', import.meta.url));

type RoundResult = Extract<PeersMessage, { type: 'result' }>;

/** A round's process that failed or hung, with the joins it reported before. */
class RoundError extends Error {
  constructor(
    message: string,
    readonly settled: JoinOutcome[],
  ) {
    super(message);
  }
}

/**
 * One round: a child process with `participants` wrtc peers joining `roomId` at once.
 * Only its 'result' message counts (wrtc may crash while the process exits); the joins it
 * reported one by one before are kept when it never sends one.
 */
export function round(options: PeersOptions, peersCpus?: string): Promise<RoundResult> {
  const settled: JoinOutcome[] = [];
  return new Promise((resolve, reject) => {
    const child = fork(peersScript, [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      env: { ...process.env, [PEERS_OPTIONS_ENV]: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (peersCpus !== undefined && child.pid !== undefined) pin(child.pid, peersCpus);
    let done = false;
    const limit = options.timeoutMs + options.settleMs + 30_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`the peers process gave no result within ${limit} ms`));
    }, limit);
    function finish(error?: Error, result?: RoundResult) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(new RoundError(error.message, settled));
      else resolve(result as RoundResult);
    }
    child.on('message', (message: PeersMessage) => {
      if (message.type === 'outcome') settled.push(message.outcome);
      else if (message.type === 'result') finish(undefined, message);
      else finish(new Error(`peers process failed: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      // After a result the exit status does not matter; wrtc may abort at teardown.
      finish(new Error(`peers process exited (${signal ?? code}) before its result`));
    });
  });
}

/** A round whose process hung or died: the joins it reported stand, every other one failed. */
async function roundOrFailure(options: PeersOptions, peersCpus?: string): Promise<Extract<PeersMessage, { type: 'result' }>> {
  try {
    return await round(options, peersCpus);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    const settled = error instanceof RoundError ? error.settled : [];
    const none: JoinTimings = {
      connected: null,
      joined: null,
      sendConnected: null,
      produced: null,
      recvConnected: null,
      firstRemoteMedia: null,
      allRemoteMedia: null,
    };
    return {
      type: 'result',
      outcomes: Array.from(
        { length: options.participants },
        (_, index) => settled.find((o) => o.index === index) ?? { index, timings: none, remoteVideos: 0, error: reason },
      ),
      wallMs: options.timeoutMs,
      cpu: Number.NaN,
    };
  }
}

const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

function summarizeStep(
  { participants, rounds, maxRemotePeers, audioOnly }: JoinOptions['steps'][number],
  outcomes: JoinOutcome[],
  wallMs: number,
  cpu: JoinStep['cpu'],
  server: Histogram,
): JoinStep {
  const ok = outcomes.filter((o) => o.error === null && o.timings.firstRemoteMedia !== null);
  const failures: Record<string, number> = {};
  for (const o of outcomes) {
    if (ok.includes(o)) continue;
    const reason = o.error ?? 'no remote video frame';
    failures[reason] = (failures[reason] ?? 0) + 1;
  }
  const milestone = (key: keyof JoinTimings) => summarize(present(ok.map((o) => o.timings[key])));
  return {
    participants,
    audioOnly: audioOnly ?? false,
    maxRemotePeers: maxRemotePeers ?? null,
    rounds,
    joins: outcomes.length,
    failed: outcomes.length - ok.length,
    failures,
    firstFrame: milestone('firstRemoteMedia'),
    allFrames: milestone('allRemoteMedia'),
    milestones: {
      connected: milestone('connected'),
      joined: milestone('joined'),
      sendConnected: milestone('sendConnected'),
      produced: milestone('produced'),
      recvConnected: milestone('recvConnected'),
    },
    serverJoin: { consumers: server.counts.at(-1) ?? 0, p50: quantile(server, 0.5), p95: quantile(server, 0.95) },
    wallMs,
    cpu,
  };
}

async function measureStep(
  target: Target,
  step: JoinOptions['steps'][number],
  options: JoinOptions,
  log: (line: string) => void,
  peersCpus: string | undefined,
): Promise<JoinStep> {
  const outcomes: JoinOutcome[] = [];
  const h0 = await joinMediaHistogram(target);
  let wallMs = 0;
  let peersCpuMs = 0;
  let platformCpuMs = 0;
  let workerCpuMs: number | null = 0;
  for (let r = 0; r < step.rounds; r++) {
    const workerCpu = () => {
      const values = target.workerPids.map(processCpuMicros);
      return values.every((v) => v !== null) ? values.reduce((a, b) => a + b, 0) : null;
    };
    const s0 = await target.sample();
    const w0 = workerCpu();
    const t0 = performance.now();
    const result = await roundOrFailure(
      {
        url: target.url,
        roomId: `join-bench-${step.participants}${step.audioOnly ? '-audio' : ''}-${r}-${process.pid}`,
        participants: step.participants,
        maxRemotePeers: step.maxRemotePeers ?? null,
        audioOnly: step.audioOnly ?? false,
        timeoutMs: options.timeoutMs,
        width: options.width,
        height: options.height,
        framesPerSecond: options.framesPerSecond,
        settleMs: options.settleMs,
      },
      peersCpus,
    );
    const roundMs = performance.now() - t0;
    const s1 = await target.sample();
    const w1 = workerCpu();
    outcomes.push(...result.outcomes);
    wallMs += result.wallMs;
    if (Number.isFinite(result.cpu)) peersCpuMs += result.cpu * result.wallMs;
    // The platform and worker are sampled around the whole child (start-up and teardown included).
    platformCpuMs += (s1.cpuMicros - s0.cpuMicros) / 1000;
    workerCpuMs = workerCpuMs === null || w0 === null || w1 === null ? null : workerCpuMs + (w1 - w0) / 1000;
    const failed = result.outcomes.filter((o) => o.error !== null).length;
    log(
      `join: N=${step.participants}${step.audioOnly ? ' (audio only)' : ''} round ${r + 1}/${step.rounds}: ${failed} failed, ${(roundMs / 1000).toFixed(1)} s`,
    );
    // Let the server close the room of the last round before the next one starts.
    await sleep(500);
  }
  const roundsWallMs = Math.max(wallMs, 1);
  const server = difference(await joinMediaHistogram(target), h0);
  return summarizeStep(
    step,
    outcomes,
    wallMs,
    {
      peers: peersCpuMs / roundsWallMs,
      platform: platformCpuMs / roundsWallMs,
      worker: workerCpuMs === null ? null : workerCpuMs / roundsWallMs,
    },
    server,
  );
}

/**
 * Join latency with real WebRTC: the platform in its own process (DEMO_MODE, so
 * `/meet`-style rooms need no token, one mediasoup worker), and per round a child
 * process whose N wrtc participants join one fresh room at once, each sending a
 * synthetic camera and microphone and consuming everyone else's.
 */
export async function runJoin(options: JoinOptions, log: (line: string) => void): Promise<JoinResult> {
  const databaseFile = path.join(os.tmpdir(), `ca-bench-join-${process.pid}-${Date.now()}.sqlite`);
  const maxPeers = Math.max(...options.steps.map((s) => s.participants));
  const target = await startTarget('platform', { databaseFile, mediaWorkers: 1, maxPeersPerRoom: Math.max(50, maxPeers) });
  try {
    return await measureJoin(target, options, log);
  } finally {
    await target.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  }
}

/** The join steps against a running platform (its rooms must take the largest N). */
export async function measureJoin(target: Target, options: JoinOptions, log: (line: string) => void): Promise<JoinResult> {
  const steps: JoinStep[] = [];
  // The load generator must not starve the server: each side gets its own CPU(s).
  let pins = pinning();
  if (pins && ![target.pid, ...target.workerPids].every((pid) => pin(pid, pins?.server ?? '0'))) pins = null;
  try {
    for (const step of options.steps) {
      log(`join: ${step.rounds} × ${step.participants} participants joining at once`);
      steps.push(await measureStep(target, step, options, log, pins?.peers));
    }
  } finally {
    if (pins) for (const pid of [target.pid, ...target.workerPids]) pin(pid, `0-${os.cpus().length - 1}`);
  }
  return {
    options,
    steps,
    baseline: `N = ${options.steps[0]?.participants ?? 2} in the same run (two participants: the join with the least contention)`,
    pinning: pins,
  };
}
