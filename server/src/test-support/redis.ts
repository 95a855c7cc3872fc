import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The test Redis: TEST_REDIS_URL (infra/test.sh exports it). A bare `npx vitest` has
 * none, so infra/redis/ensure.sh installs redis-server if missing and starts it, as
 * vitest.config.ts does for the mediasoup worker. If it cannot be had this throws: the
 * cluster tests fail, they never skip.
 */
export function testRedisUrl(): string {
  if (!process.env.TEST_REDIS_URL) {
    const out = execFileSync('bash', [path.join(root, 'infra/redis/ensure.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = out.trim().split('\n').at(-1);
    if (!url?.startsWith('redis://')) throw new Error(`infra/redis/ensure.sh printed no URL: ${out}`);
    process.env.TEST_REDIS_URL = url;
  }
  return process.env.TEST_REDIS_URL;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Redis of one test file's own, which the test may stop and start again (an outage). */
export type PrivateRedis = {
  url: string;
  /** Kills the server (SIGKILL: no goodbye to clients, nothing saved). */
  stop: () => Promise<void>;
  /** Starts it again on the same port, empty. */
  start: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Starts a private redis-server (a child process on a free loopback port, nothing on
 * disk). Each cluster test file uses its own, so nodes of different files never meet.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  testRedisUrl(); // the binary is installed by the same script
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    const spawned = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = spawned;
    // With --loglevel warning it prints nothing when ready: poll until it answers.
    for (let i = 0; i < 100; i++) {
      if (spawned.exitCode !== null) throw new Error(`redis-server exited with ${spawned.exitCode}`);
      if (await answers(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop, close: stop };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.setTimeout(500, () => done(false));
  });
}

/** Waits until `check` holds (polling), for hooks where expect.poll is not available. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
