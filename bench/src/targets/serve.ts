import { processRss } from '../lib/machine.js';
import { TARGET_OPTIONS_ENV, type ChildMessage, type ParentMessage, type TargetSample } from './protocol.js';

export type RunningTarget = {
  url: string;
  workerPids: () => number[];
  close: () => Promise<void>;
  /** Live-object counters reported with each sample (optional). */
  counters?: () => Record<string, number>;
};

const send = (message: ChildMessage) => process.send?.(message);

/** Reads the options the parent put in the environment. */
export function targetOptions<T>(): T {
  const raw = process.env[TARGET_OPTIONS_ENV];
  if (!raw) throw new Error(`${TARGET_OPTIONS_ENV} is not set; this file is started by the bench, not by hand`);
  return JSON.parse(raw) as T;
}

function sample(target: RunningTarget): TargetSample {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    cpuMicros: cpu.user + cpu.system,
    workers: target.workerPids().map((pid) => ({ pid, rssBytes: processRss(pid) })),
    ...(target.counters && { counters: target.counters() }),
  };
}

/**
 * The child side: starts the target, reports 'ready', answers 'sample' and 'close'.
 * Exits when the parent goes away, so no server outlives a bench run.
 */
export function serveTarget(start: () => Promise<RunningTarget>): void {
  if (!process.send) throw new Error('a bench target must be started with an IPC channel (child_process.fork)');
  process.on('disconnect', () => process.exit(1));
  start().then(
    (target) => {
      process.on('message', (message: ParentMessage) => {
        if (message.type === 'sample') send({ type: 'sample', sample: sample(target) });
        if (message.type === 'close') {
          const exit = setTimeout(() => process.exit(0), 5000);
          target.close().finally(() => {
            clearTimeout(exit);
            process.exit(0);
          });
        }
      });
      send({ type: 'ready', url: target.url, workerPids: target.workerPids() });
    },
    (error: unknown) => {
      send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      setTimeout(() => process.exit(1), 100);
    },
  );
}
