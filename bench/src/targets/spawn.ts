import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, TargetSample } from './protocol.js';
import { TARGET_OPTIONS_ENV } from './protocol.js';

export type TargetKind = 'platform' | 'bare' | 'soak';

export type Target = {
  url: string;
  pid: number;
  workerPids: number[];
  /** Memory and CPU of the target process (two forced GCs first). */
  sample: () => Promise<TargetSample>;
  close: () => Promise<void>;
};

const scripts: Record<TargetKind, string> = {
  platform: fileURLToPath(new URL('./platformTarget.ts', import.meta.url)),
  bare: fileURLToPath(new URL('./bareTarget.ts', import.meta.url)),
  soak: fileURLToPath(new URL('../soak/soakTarget.ts', import.meta.url)),
};

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T, timeoutMs: number) {
  return new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`target sent no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type === type) finish(undefined, message as Extract<ChildMessage, { type: T }>);
      else if (message.type === 'error') finish(new Error(`target failed: ${message.message}`));
    };
    const onExit = (code: number | null) => finish(new Error(`target exited (code ${code}) before ${type}`));
    function finish(error?: Error, message?: Extract<ChildMessage, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as Extract<ChildMessage, { type: T }>);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Starts a target server in its own Node process (so its event loop and its memory are
 * not shared with the load generator) and waits until it listens.
 */
export async function startTarget(kind: TargetKind, options: object): Promise<Target> {
  // BENCH_CPU_PROF_DIR=<dir>: every target writes a V8 CPU profile there when it exits (profile before optimising).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const child = fork(scripts[kind], [], {
    execArgv: ['--import', import.meta.resolve('tsx'), '--expose-gc', ...profile],
    env: { ...process.env, [TARGET_OPTIONS_ENV]: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: ParentMessage) => child.send(message);
  let ready: Extract<ChildMessage, { type: 'ready' }>;
  try {
    ready = await nextMessage(child, 'ready', 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    url: ready.url,
    pid: child.pid ?? -1,
    workerPids: ready.workerPids,
    sample: async () => {
      const reply = nextMessage(child, 'sample', 10_000);
      send({ type: 'sample' });
      return (await reply).sample;
    },
    close: async () => {
      if (child.exitCode === null && child.connected) send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
