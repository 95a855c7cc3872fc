import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The livekit-server binary: LIVEKIT_SERVER_BIN (infra/test.sh exports it), else
 * infra/livekit/ensure.sh builds or reuses it (`go install`, cached). If it cannot be had this
 * throws with the build's error: the LiveKit tests fail, they never skip.
 */
export function liveKitBinary(): string {
  if (!process.env.LIVEKIT_SERVER_BIN) {
    const out = execFileSync('bash', [path.join(root, 'infra/livekit/ensure.sh'), '--bin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const bin = out.trim().split('\n').at(-1);
    if (!bin || !fs.existsSync(bin)) throw new Error(`infra/livekit/ensure.sh printed no binary: ${out}`);
    process.env.LIVEKIT_SERVER_BIN = bin;
  }
  return process.env.LIVEKIT_SERVER_BIN;
}

async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** One livekit-server process. */
export type LiveKitNode = {
  /** ws://127.0.0.1:<port> */
  url: string;
  /** http://127.0.0.1:<port> (its RoomService API). */
  apiUrl: string;
  process: ChildProcess;
  /** What it logged so far (stdout and stderr). */
  output: () => string;
  /** Sends a signal (SIGTERM: LiveKit drains) and resolves when the process has exited. */
  exited: () => Promise<void>;
};

/** Nodes planned on free loopback ports with a fresh key pair, started by `start`. */
export type LiveKitPlan = {
  urls: string[];
  apiKey: string;
  apiSecret: string;
  /** Starts the nodes (sharing `redisUrl` when given); LiveKit posts its webhooks to `webhookUrl`. */
  start: (options?: { webhookUrl?: string }) => Promise<LiveKitNode[]>;
  /** Stops every node still running (SIGKILL after 5 s). */
  close: () => Promise<void>;
};

/** LiveKit nodes of one test file: each on its own ports, alone or sharing a Redis (distributed mode). */
export async function planLiveKit(options: { nodes?: number; redisUrl?: string } = {}): Promise<LiveKitPlan> {
  const bin = liveKitBinary();
  const count = options.nodes ?? 1;
  if (count > 1 && !options.redisUrl) throw new Error('several LiveKit nodes need a Redis');
  const apiKey = `API${randomBytes(6).toString('hex')}`;
  const apiSecret = randomBytes(32).toString('base64url');
  const ports: { http: number; tcp: number; udp: number }[] = [];
  for (let i = 0; i < count; i++) ports.push({ http: await freeTcpPort(), tcp: await freeTcpPort(), udp: await freeUdpPort() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-livekit-'));
  const nodes: LiveKitNode[] = [];
  const start = async (startOptions: { webhookUrl?: string } = {}) => {
    for (const [i, p] of ports.entries()) {
      const config = path.join(dir, `node${i}.yaml`);
      fs.writeFileSync(config, nodeConfig({ ...p, apiKey, apiSecret, redisUrl: options.redisUrl, webhookUrl: startOptions.webhookUrl }));
      nodes.push(await startNode(bin, config, p.http));
    }
    return nodes;
  };
  const close = async () => {
    await Promise.all(nodes.map((n) => stopNode(n.process)));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { urls: ports.map((p) => `ws://127.0.0.1:${p.http}`), apiKey, apiSecret, start, close };
}

function nodeConfig(o: {
  http: number;
  tcp: number;
  udp: number;
  apiKey: string;
  apiSecret: string;
  redisUrl: string | undefined;
  webhookUrl: string | undefined;
}): string {
  const lines = [
    `port: ${o.http}`,
    'bind_addresses: ["127.0.0.1"]',
    'rtc:',
    `  tcp_port: ${o.tcp}`,
    `  udp_port: ${o.udp}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    'keys:',
    `  ${o.apiKey}: ${o.apiSecret}`,
    'logging:',
    '  level: info',
    'room:',
    '  empty_timeout: 10',
    '  departure_timeout: 1',
  ];
  if (o.redisUrl) {
    const url = new URL(o.redisUrl);
    lines.push('redis:', `  address: ${url.host}`, '  db: 3');
  }
  if (o.webhookUrl) lines.push('webhook:', `  api_key: ${o.apiKey}`, '  urls:', `    - ${o.webhookUrl}`);
  return `${lines.join('\n')}\n`;
}

async function startNode(bin: string, config: string, port: number): Promise<LiveKitNode> {
  const child = spawn(bin, ['--config', config, '--bind', '127.0.0.1', '--node-ip', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const apiUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${apiUrl}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`livekit-server did not answer on ${apiUrl}:\n${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = async () => {
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  };
  return { url: `ws://127.0.0.1:${port}`, apiUrl, process: child, output: () => out, exited };
}

async function stopNode(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
