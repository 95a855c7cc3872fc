import { execFileSync, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessToken } from 'livekit-server-sdk';
import { processCpuMicros, processRss, repoRoot } from '../lib/machine.js';
import { summarize, type Summary } from '../lib/stats.js';
import { startTarget } from '../targets/spawn.js';
import { STAGE_OPTIONS_ENV, type StagePeersMessage, type StagePeersOptions } from './protocol.js';

export type StageEnginesOptions = {
  /** Viewer counts (one publisher each). */
  viewers: number[];
  timeoutMs: number;
  holdMs: number;
};

export type StageEngineStep = {
  engine: 'mediasoup' | 'livekit';
  viewers: number;
  failed: number;
  errors: string[];
  /** Connect start → first decoded video frame, ms (joined viewers). */
  join: Summary;
  /** Server CPU while forwarding to every viewer, fraction of one core (mediasoup: worker + Node). */
  serverCpu: number | null;
  /** Server CPU per viewer, core-ms per viewer-second of steady forwarding. */
  cpuPerViewerMsPerS: number | null;
  /** Resident memory of the server process(es) after the joins, MB. */
  rssMb: number | null;
};

export type StageEnginesResult = { options: StageEnginesOptions; steps: StageEngineStep[]; clientStacks: string };

const peersScript = fileURLToPath(new URL('./peers.ts', import.meta.url));

/** One step in a child process; `pids` are the server processes to read from /proc. */
function step(options: StagePeersOptions, pids: number[]): Promise<StageEngineStep> {
  const cpu = () => pids.reduce((sum, pid) => sum + (processCpuMicros(pid) ?? Number.NaN), 0);
  const rss = () => pids.reduce((sum, pid) => sum + (processRss(pid) ?? Number.NaN), 0) / 2 ** 20;
  return new Promise((resolve, reject) => {
    const child = fork(peersScript, [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      env: { ...process.env, [STAGE_OPTIONS_ENV]: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const limit = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs + options.holdMs + 60_000);
    let joined: Extract<StagePeersMessage, { type: 'joined' }> | undefined;
    let c0 = 0;
    let t0 = 0;
    let memory = Number.NaN;
    child.on('message', (message: StagePeersMessage) => {
      if (message.type === 'joined') {
        joined = message;
        c0 = cpu();
        t0 = performance.now();
        memory = rss();
      } else if (message.type === 'done' && joined) {
        const core = (cpu() - c0) / 1000 / (performance.now() - t0);
        const ok = joined.joinMs.filter((v): v is number => v !== null);
        resolve({
          engine: options.engine,
          viewers: options.viewers,
          failed: options.viewers - ok.length,
          errors: [...new Set(joined.errors)],
          join: summarize(ok),
          serverCpu: Number.isFinite(core) ? core : null,
          cpuPerViewerMsPerS: Number.isFinite(core) && ok.length ? (core * 1000) / ok.length : null,
          rssMb: Number.isFinite(memory) ? memory : null,
        });
      } else if (message.type === 'error') reject(new Error(message.message));
    });
    child.once('exit', (code) => {
      clearTimeout(limit);
      reject(new Error(`stage peers process exited (${code}) before its result`));
    });
  });
}

/** A LiveKit node from infra/livekit/ensure.sh (started or reused) and its pid. */
function livekitNode(): { url: string; key: string; secret: string; pid: number } {
  const out = execFileSync('bash', [path.join(repoRoot, 'infra/livekit/ensure.sh')], { encoding: 'utf8', timeout: 900_000 });
  const [urls, key, secret] = (out.trim().split('\n').at(-1) ?? '').split(' ');
  const dir = process.env.CA_LIVEKIT_DIR ?? path.join(process.env.TMPDIR ?? '/tmp', 'cloud-appointment-livekit');
  const pid = Number(readFileSync(path.join(dir, 'node0.pid'), 'utf8').trim());
  if (!urls || !key || !secret || !pid) throw new Error(`infra/livekit/ensure.sh gave no node: ${out}`);
  return { url: urls.split(',')[0] ?? urls, key, secret, pid };
}

async function tokens(node: { key: string; secret: string }, room: string, viewers: number): Promise<string[]> {
  const make = (identity: string, canPublish: boolean) => {
    const token = new AccessToken(node.key, node.secret, { identity, ttl: '10m' });
    token.addGrant({ roomJoin: true, room, canPublish, canSubscribe: true });
    return token.toJwt();
  };
  return Promise.all([make('publisher', true), ...Array.from({ length: viewers }, (_, i) => make(`viewer-${i}`, false))]);
}

/**
 * One publisher to K viewers on our mediasoup stage path (platform process, one worker) and on
 * a livekit-server node, in the same run: join time, server CPU while forwarding, memory.
 */
export async function runStageEngines(options: StageEnginesOptions, log: (line: string) => void): Promise<StageEnginesResult> {
  const steps: StageEngineStep[] = [];
  const databaseFile = path.join(os.tmpdir(), `ca-bench-stage-${process.pid}-${Date.now()}.sqlite`);
  const maxViewers = Math.max(...options.viewers);
  const platform = await startTarget('platform', { databaseFile, mediaWorkers: 1, maxPeersPerRoom: Math.max(50, maxViewers + 1) });
  const node = livekitNode();
  try {
    for (const viewers of options.viewers) {
      for (const engine of ['mediasoup', 'livekit'] as const) {
        const room = `engines-bench-${viewers}-${process.pid}`;
        const base = { engine, viewers, timeoutMs: options.timeoutMs, holdMs: options.holdMs, roomId: room };
        const peers: StagePeersOptions =
          engine === 'mediasoup' ? { ...base, url: platform.url, tokens: [] } : { ...base, url: node.url, tokens: await tokens(node, room, viewers) };
        const result = await step(peers, engine === 'mediasoup' ? [platform.pid, ...platform.workerPids] : [node.pid]);
        log(
          `stage-engines: ${engine} K=${viewers}: join p50 ${result.join.p50.toFixed(0)} ms, server ${result.serverCpu?.toFixed(2)} core, ${result.failed} failed`,
        );
        steps.push(result);
      }
    }
  } finally {
    await platform.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  }
  return {
    options,
    steps,
    clientStacks:
      'mediasoup viewers: socket.io-client + mediasoup-client (Chrome111 handler) over @roamhq/wrtc (its own libwebrtc build), publisher sends one 320x240 VP8 layer; ' +
      'LiveKit viewers: @livekit/rtc-node (LiveKit Rust SDK with its own libwebrtc build and signaling, adaptive subscription), publisher sends 320x240 with simulcast on',
  };
}
