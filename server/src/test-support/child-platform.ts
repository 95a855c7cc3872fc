import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The platform in a child process of its own, which a test can SIGKILL (or stop with SIGTERM). */
export type ChildPlatform = {
  url: string;
  process: ChildProcess;
  /** SIGKILL, and resolves once the process is gone (at once when it already is). */
  kill: () => Promise<void>;
};

/**
 * Starts the real platform (cluster-node.ts, run by tsx) in a child process with `env` on top
 * of this process's environment and a loopback port of its own; resolves with its URL once it
 * prints READY. `name` labels the errors.
 */
export async function startChildPlatform(env: Record<string, string>, name = 'platform'): Promise<ChildPlatform> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'cluster-node.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MEDIA_WORKERS: '1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start: ${out}`));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /^READY (\S+)$/m.exec(out);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${out}`));
    });
  });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return { url, process: child, kill };
}
