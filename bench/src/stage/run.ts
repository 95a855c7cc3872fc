import { execFileSync, fork } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessToken } from 'livekit-server-sdk';
import { processCpuMicros, processRss, repoRoot } from '../lib/machine.js';
import { summarize, type Summary } from '../lib/stats.js';
import { startTarget } from '../targets/spawn.js';
import { STAGE_OPTIONS_ENV, type StageParentMessage, type StagePeersMessage, type StagePeersOptions } from './protocol.js';

export type StageEnginesOptions = {
  /** Viewer counts (one publisher each, 320x240). */
  viewers: number[];
  /** Viewer counts with a 1280x720 publisher (as many as the machine's decoders allow). */
  hdViewers?: number[];
  timeoutMs: number;
  holdMs: number;
};

export type StageEngineStep = {
  engine: 'mediasoup' | 'livekit';
  viewers: number;
  /** The publisher's camera, e.g. "320x240". */
  video: string;
  failed: number;
  errors: string[];
  /** Connect start → first decoded video frame, ms (joined viewers). */
  join: Summary;
  /** Server CPU while forwarding to every viewer, fraction of one core (mediasoup: worker + Node). */
  serverCpu: number | null;
  /** Server CPU per viewer, core-ms per viewer-second of steady forwarding. */
  cpuPerViewerMsPerS: number | null;
  /** Video packets forwarded to the viewers per second over the window. */
  packetsPerS: number | null;
  /** Server CPU per forwarded video packet, µs. */
  cpuPerPacketUs: number | null;
  /** Packets lost on the way to the viewers, share of those sent (receiver reports). */
  loss: number | null;
  /** The measuring window, ms. */
  windowMs: number;
  /** Resident memory of the server process(es) after the joins, MB. */
  rssMb: number | null;
};

export type StageEnginesResult = { options: StageEnginesOptions; steps: StageEngineStep[]; clientStacks: string };

const peersScript = fileURLToPath(new URL('./peers.ts', import.meta.url));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Packets = { packets: number; lost: number };
type Mark = { t: number; cpu: number; packets: Packets | null };

/** livekit-server's own counters of video packets sent to subscribers and lost on the way (its Prometheus exposition). */
async function livekitPackets(metricsUrl: string): Promise<Packets> {
  const text = await (await fetch(metricsUrl)).text();
  const total = { packets: 0, lost: 0 };
  for (const line of text.split('\n')) {
    if (!line.includes('direction="outgoing"')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith('livekit_packet_total{')) total.packets += value;
    else if (line.startsWith('livekit_packet_loss_total{')) total.lost += value;
  }
  return total;
}

/**
 * LiveKit adds a stream's packets to its counters in batches (its telemetry's stats updates), so its
 * window runs from one update to the first update at least `minMs` later; CPU is read at the same moments.
 */
async function livekitWindow(metricsUrl: string, cpu: () => number, minMs: number): Promise<[Mark, Mark]> {
  const nextFlush = async (after: number): Promise<Mark> => {
    const before = await livekitPackets(metricsUrl);
    const deadline = performance.now() + 70_000;
    while (performance.now() < deadline) {
      await sleep(200);
      const now = await livekitPackets(metricsUrl);
      if (now.packets !== before.packets && performance.now() >= after) return { t: performance.now(), cpu: cpu(), packets: now };
      if (now.packets !== before.packets) Object.assign(before, now);
    }
    throw new Error('livekit-server flushed no packet counters in 70 s (is its prometheus port on?)');
  };
  const first = await nextFlush(0);
  return [first, await nextFlush(first.t + minMs)];
}

/** Server CPU and packet figures between two marks; `lostWereSent`: the packets counted are the viewers' (received, not sent). */
function windowFigures(a: Mark, b: Mark, joined: number, lostWereSent: boolean) {
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const ms = b.t - a.t;
  const core = (b.cpu - a.cpu) / 1000 / ms;
  const lost = a.packets && b.packets ? b.packets.lost - a.packets.lost : Number.NaN;
  const sent = a.packets && b.packets ? b.packets.packets - a.packets.packets + (lostWereSent ? lost : 0) : Number.NaN;
  return {
    serverCpu: finite(core),
    cpuPerViewerMsPerS: joined ? finite((core * 1000) / joined) : null,
    packetsPerS: sent > 0 ? finite((sent * 1000) / ms) : null,
    cpuPerPacketUs: sent > 0 ? finite((b.cpu - a.cpu) / sent) : null,
    loss: sent > 0 ? finite(lost / sent) : null,
    windowMs: ms,
  };
}

/** One step in a child process; `pids` are the server processes to read from /proc. */
function step(options: StagePeersOptions, pids: number[], metricsUrl: string | null): Promise<StageEngineStep> {
  const cpu = () => pids.reduce((sum, pid) => sum + (processCpuMicros(pid) ?? Number.NaN), 0);
  const rss = () => pids.reduce((sum, pid) => sum + (processRss(pid) ?? Number.NaN), 0) / 2 ** 20;
  return new Promise((resolve, reject) => {
    const child = fork(peersScript, [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      env: { ...process.env, [STAGE_OPTIONS_ENV]: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const limit = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs + options.holdMs + 200_000);
    let joined: Extract<StagePeersMessage, { type: 'joined' }> | undefined;
    let window: Promise<[Mark, Mark]> | undefined;
    let memory = Number.NaN;
    const finish = () => child.send({ type: 'finish' } satisfies StageParentMessage);
    child.on('message', (message: StagePeersMessage) => {
      if (message.type === 'joined') {
        joined = message;
        memory = rss();
        const start: Mark = { t: performance.now(), cpu: cpu(), packets: message.received };
        window = metricsUrl
          ? livekitWindow(metricsUrl, cpu, options.holdMs)
          : sleep(options.holdMs).then(() => [start, { t: performance.now(), cpu: cpu(), packets: null }]);
        window.then(finish, (error: unknown) => {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      } else if (message.type === 'done' && joined && window) {
        const ok = joined.joinMs.filter((v): v is number => v !== null);
        const errors = [...new Set(joined.errors)];
        void window.then(([a, b]) => {
          // Counted by the viewers (ours), what they lost was sent too; counted by the server (LiveKit), it already was.
          const figures = windowFigures(a, { ...b, packets: b.packets ?? message.received }, ok.length, metricsUrl === null);
          resolve({
            engine: options.engine,
            viewers: options.viewers,
            video: `${options.width}x${options.height}`,
            failed: options.viewers - ok.length,
            errors,
            join: summarize(ok),
            ...figures,
            rssMb: Number.isFinite(memory) ? memory : null,
          });
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
function livekitNode(): { url: string; key: string; secret: string; pid: number; metricsUrl: string } {
  const out = execFileSync('bash', [path.join(repoRoot, 'infra/livekit/ensure.sh')], { encoding: 'utf8', timeout: 900_000 });
  const [urls, key, secret] = (out.trim().split('\n').at(-1) ?? '').split(' ');
  const dir = process.env.CA_LIVEKIT_DIR ?? path.join(process.env.TMPDIR ?? '/tmp', 'cloud-appointment-livekit');
  const pid = Number(readFileSync(path.join(dir, 'node0.pid'), 'utf8').trim());
  if (!urls || !key || !secret || !pid) throw new Error(`infra/livekit/ensure.sh gave no node: ${out}`);
  const url = urls.split(',')[0] ?? urls;
  // ensure.sh puts each node's Prometheus exposition two ports above its HTTP port.
  const metricsUrl = `http://127.0.0.1:${Number(new URL(url).port) + 2}/metrics`;
  return { url, key, secret, pid, metricsUrl };
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
    const runs = [
      ...options.viewers.map((viewers) => ({ viewers, width: 320, height: 240 })),
      ...(options.hdViewers ?? []).map((viewers) => ({ viewers, width: 1280, height: 720 })),
    ];
    for (const { viewers, width, height } of runs) {
      for (const engine of ['mediasoup', 'livekit'] as const) {
        const room = `engines-bench-${viewers}-${height}p-${process.pid}`;
        const base = { engine, viewers, width, height, timeoutMs: options.timeoutMs, holdMs: options.holdMs, roomId: room };
        const peers: StagePeersOptions =
          engine === 'mediasoup' ? { ...base, url: platform.url, tokens: [] } : { ...base, url: node.url, tokens: await tokens(node, room, viewers) };
        const result =
          engine === 'mediasoup' ? await step(peers, [platform.pid, ...platform.workerPids], null) : await step(peers, [node.pid], node.metricsUrl);
        log(
          `stage-engines: ${engine} K=${viewers} ${width}x${height}: join p50 ${result.join.p50.toFixed(0)} ms, server ${result.serverCpu?.toFixed(2)} core, ` +
            `${result.cpuPerPacketUs?.toFixed(1)} µs/packet, ${result.packetsPerS?.toFixed(0)} packets/s, loss ${result.loss}, ${result.failed} failed`,
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
      'mediasoup viewers: socket.io-client + mediasoup-client (Chrome111 handler) over @roamhq/wrtc (its own libwebrtc build), publisher sends one VP8 layer; ' +
      'LiveKit viewers: @livekit/rtc-node (LiveKit Rust SDK with its own libwebrtc build and signaling, adaptive subscription), publisher sends with simulcast on (three layers at 720p)',
  };
}
