import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnCredentials } from './turnCredentials.js';

/** A real coturn (Debian's package; infra/coturn/ensure.sh installs it when missing) with use-auth-secret. */
async function startCoturn(secret: string): Promise<{ port: number; process: ChildProcess }> {
  execFileSync('bash', ['infra/coturn/ensure.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const port = 34000 + Math.floor(Math.random() * 3000);
  const child = spawn(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=test.cloud-appointment.local',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=/tmp/ca-turnserver-${port}.pid`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('turnserver did not start')), 10_000);
    const onData = (chunk: Buffer) => {
      if (/listener opened on|Total (UDP|General) servers/i.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`turnserver exited with ${code}`)));
  });
  return { port, process: child };
}

/** Allocates a relay on the server with these credentials and sends a few packets through it (coturn's own client). */
function allocate(port: number, username: string, password: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'turnutils_uclient',
      ['-y', '-n', '2', '-m', '1', '-u', username, '-w', password, '-p', String(port), '127.0.0.1'],
      { timeout: 20_000 },
      (error, stdout, stderr) => resolve({ ok: error === null, output: `${stdout}${stderr}` }),
    );
  });
}

describe('TURN credentials against a real coturn (use-auth-secret)', () => {
  const secret = randomBytes(24).toString('hex');
  let coturn: { port: number; process: ChildProcess };

  beforeAll(async () => {
    coturn = await startCoturn(secret);
  });
  afterAll(() => {
    coturn?.process.kill('SIGTERM');
  });

  it('lets a client with fresh credentials allocate a relay and send through it', async () => {
    const { username, credential } = turnCredentials({ urls: [], secret, ttlSeconds: 600 }, 'user-42', Date.now());
    const result = await allocate(coturn.port, username, credential);
    expect(result.ok, result.output.slice(-500)).toBe(true);
    expect(result.output).toMatch(/Total lost packets 0/);
  });

  it('refuses credentials whose expiry has passed', async () => {
    const { username, credential } = turnCredentials({ urls: [], secret, ttlSeconds: 60 }, 'user-42', Date.now() - 120_000);
    const result = await allocate(coturn.port, username, credential);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Cannot complete Allocation/);
  });

  it('refuses credentials signed with another secret', async () => {
    const { username, credential } = turnCredentials({ urls: [], secret: 'not-the-server-secret', ttlSeconds: 600 }, 'user-42', Date.now());
    const result = await allocate(coturn.port, username, credential);
    expect(result.ok).toBe(false);
  });
});
