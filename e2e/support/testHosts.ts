import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';

/**
 * Test hosts on this machine: two Linux network namespaces, "server" and "client", joined by
 * a veth pair (10.99.0.1 <-> 10.99.0.2). The platform runs in the server namespace; a Chromium
 * launched into the client namespace reaches it only over the veth link, which the test can
 * shape (tc tbf), cut (ip link down) or filter (nftables). Needs root (ip netns).
 * Nothing here talks to any address outside these two namespaces.
 */
export type TestHosts = {
  serverIp: string;
  clientIp: string;
  /** The platform's URL inside the namespaces. */
  url: string;
  /** Chromium on the server host (an unshaped viewer next to the server). */
  launchOnServer: () => Promise<Browser>;
  /** Chromium on the client host, behind the link the test controls. */
  launchOnClient: () => Promise<Browser>;
  /** Limits the client host's uplink to `kbit` kbit/s (tc tbf on its veth end); undefined lifts it. */
  shapeUplink: (kbit: number | undefined) => void;
  /** Takes the link down (both directions) or up. */
  setLink: (up: boolean) => void;
  /** Drops all UDP in and out of the client host (nftables), or allows it again. */
  blockUdp: (blocked: boolean) => void;
  /** Stops the platform and deletes both namespaces (safe to call twice). */
  close: () => Promise<void>;
};

const SERVER_IP = '10.99.0.1';
const CLIENT_IP = '10.99.0.2';

function run(...args: string[]): string {
  return execFileSync(args[0]!, args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The chromium flags of playwright.config.ts, plus: this plain-HTTP origin counts as secure (camera access). */
function chromiumArgs(url: string): string[] {
  return [
    '--no-sandbox',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    `--unsafely-treat-insecure-origin-as-secure=${url}`,
  ];
}

async function waitForHealth(url: string, server: ChildProcess, netns: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the platform exited with ${server.exitCode}`);
    try {
      // The test runner is outside the namespaces: ask from inside the server namespace.
      run('ip', 'netns', 'exec', netns, 'node', '-e', `fetch('${url}/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the platform did not answer on ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/**
 * Creates the two namespaces and the link, starts the built platform (server/dist) in the
 * server namespace on `port`, and waits until it answers. On any failure everything made so
 * far is removed again.
 */
export async function startTestHosts(options: { port: number; root: string }): Promise<TestHosts> {
  const tag = `${process.pid % 100_000}`;
  const serverNs = `ca-srv-${tag}`;
  const clientNs = `ca-cli-${tag}`;
  const serverIf = `cas${tag}`;
  const clientIf = `cac${tag}`;
  const url = `http://${SERVER_IP}:${options.port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-testhosts-'));
  let server: ChildProcess | undefined;
  let closed = false;

  const close = async () => {
    if (closed) return;
    closed = true;
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = once(server, 'exit');
      server.kill('SIGKILL');
      await exited;
    }
    for (const ns of [clientNs, serverNs]) {
      try {
        run('ip', 'netns', 'del', ns);
      } catch {
        // not created
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (const ns of [serverNs, clientNs]) {
      try {
        run('ip', 'netns', 'del', ns); // left behind by a killed run of this pid
      } catch {
        // none
      }
      run('ip', 'netns', 'add', ns);
      run('ip', '-n', ns, 'link', 'set', 'lo', 'up');
    }
    run('ip', 'link', 'add', serverIf, 'type', 'veth', 'peer', 'name', clientIf);
    run('ip', 'link', 'set', serverIf, 'netns', serverNs);
    run('ip', 'link', 'set', clientIf, 'netns', clientNs);
    run('ip', '-n', serverNs, 'addr', 'add', `${SERVER_IP}/24`, 'dev', serverIf);
    run('ip', '-n', clientNs, 'addr', 'add', `${CLIENT_IP}/24`, 'dev', clientIf);
    run('ip', '-n', serverNs, 'link', 'set', serverIf, 'up');
    run('ip', '-n', clientNs, 'link', 'set', clientIf, 'up');

    server = spawn('ip', ['netns', 'exec', serverNs, process.execPath, path.join(options.root, 'server/dist/main.js')], {
      env: {
        ...process.env,
        HOST: SERVER_IP,
        PORT: String(options.port),
        MEDIA_LISTEN_IP: SERVER_IP,
        MEDIA_WORKERS: '1',
        LOG_LEVEL: 'warn',
        DATABASE_FILE: path.join(dir, 'store.sqlite'),
        ALLOWED_ORIGINS: url,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitForHealth(url, server, serverNs);
  } catch (err) {
    await close();
    throw err;
  }

  /** A Chromium whose process lives in `ns` (Playwright drives it over a pipe, which crosses namespaces). */
  const launchIn = (ns: string) => {
    const wrapper = path.join(dir, `chromium-${ns}.sh`);
    const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${chromiumPath} "$@"\n`, { mode: 0o755 });
    return chromium.launch({ executablePath: wrapper, args: chromiumArgs(url), headless: true });
  };

  const nft = (...args: string[]) => run('ip', 'netns', 'exec', clientNs, 'nft', ...args);
  return {
    serverIp: SERVER_IP,
    clientIp: CLIENT_IP,
    url,
    launchOnServer: () => launchIn(serverNs),
    launchOnClient: () => launchIn(clientNs),
    shapeUplink: (kbit) => {
      try {
        run('tc', '-n', clientNs, 'qdisc', 'del', 'dev', clientIf, 'root');
      } catch {
        // no qdisc yet
      }
      if (kbit !== undefined) {
        run('tc', '-n', clientNs, 'qdisc', 'add', 'dev', clientIf, 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '16kbit', 'latency', '300ms');
      }
    },
    setLink: (up) => run('ip', '-n', clientNs, 'link', 'set', clientIf, up ? 'up' : 'down'),
    blockUdp: (blocked) => {
      if (!blocked) {
        nft('flush', 'ruleset');
        return;
      }
      nft('add', 'table', 'inet', 'faults');
      nft('add', 'chain', 'inet', 'faults', 'out', '{ type filter hook output priority 0; policy accept; }');
      nft('add', 'chain', 'inet', 'faults', 'in', '{ type filter hook input priority 0; policy accept; }');
      nft('add', 'rule', 'inet', 'faults', 'out', 'meta', 'l4proto', 'udp', 'drop');
      nft('add', 'rule', 'inet', 'faults', 'in', 'meta', 'l4proto', 'udp', 'drop');
    },
    close,
  };
}
