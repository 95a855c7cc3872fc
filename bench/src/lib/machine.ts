import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/src/lib → ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const benchRoot = path.join(repoRoot, 'bench');

/** The installed version of a package, read from the nearest node_modules on the way up from bench/. */
export function packageVersion(name: string): string {
  for (let dir = benchRoot; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      if (pkg.version) return pkg.version;
    } catch {
      // not here; try the parent
    }
    if (path.dirname(dir) === dir) return 'not installed';
  }
}

export type Machine = {
  /** Cores Node may use (os.availableParallelism()). */
  cores: number;
  cpuModel: string;
  cpuMhz: number;
  memoryGiB: number;
  os: string;
  node: string;
  versions: Record<string, string>;
};

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuMhz: cpus[0]?.speed ?? 0,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions: Object.fromEntries(
      ['mediasoup', 'socket.io', 'ws', 'autocannon', 'better-sqlite3', 'express'].map((name) => [name, packageVersion(name)]),
    ),
  };
}

/** "2 cores, AMD EPYC, Node v20.20.2, mediasoup 3.19.3" */
export function machineLine(m: Machine): string {
  return `${m.cores} cores (${m.cpuModel}${m.cpuMhz ? `, ${m.cpuMhz} MHz` : ''}), ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, mediasoup ${m.versions.mediasoup}, socket.io ${m.versions['socket.io']}`;
}

/** Resident set size of another process in bytes (Linux /proc), or null when unreadable. */
export function processRss(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) another process has used, in microseconds (Linux /proc), or null when unreadable. */
export function processCpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1e6) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * UDP datagrams the kernel dropped because a socket's receive buffer was full
 * (RcvbufErrors in /proc/net/snmp, machine-wide), or null where not available.
 */
export function udpReceiveBufferDrops(): number | null {
  try {
    const lines = readFileSync('/proc/net/snmp', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('Udp:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const at = names.indexOf('RcvbufErrors');
    return at > 0 && values[at] !== undefined ? Number(values[at]) : null;
  } catch {
    return null;
  }
}

/** The largest receive buffer a UDP socket may ask for (net.core.rmem_max), in bytes, or null off Linux. */
export function maxReceiveBuffer(): number | null {
  try {
    return Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8').trim());
  } catch {
    return null;
  }
}

export type CpuAvailability = {
  /** CPU time a busy loop got over wall time (1.0 = a whole core; less = the VM or other processes took it). */
  cpuPerWall: number;
  /** Longest the busy loop was not running, ms (host preemption shows here). */
  maxGapMs: number;
  /** Linux PSI: share of time some task waited for a CPU (avg10, avg60, %), null off Linux. */
  pressureSome10: number | null;
  pressureSome60: number | null;
  loadAverage1m: number;
};

/** Spins for `ms` to see how much of a core this process really gets right now. */
export function probeCpu(ms = 1000): CpuAvailability {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let last = t0;
  let maxGap = 0;
  for (let now = t0; now - t0 < ms; now = performance.now()) {
    if (now - last > maxGap) maxGap = now - last;
    last = now;
  }
  const cpu = process.cpuUsage(c0);
  let some10: number | null = null;
  let some60: number | null = null;
  try {
    const psi = /^some avg10=([\d.]+) avg60=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (psi) {
      some10 = Number(psi[1]);
      some60 = Number(psi[2]);
    }
  } catch {
    // no PSI here
  }
  return {
    cpuPerWall: (cpu.user + cpu.system) / 1000 / (performance.now() - t0),
    maxGapMs: maxGap,
    pressureSome10: some10,
    pressureSome60: some60,
    loadAverage1m: os.loadavg()[0] ?? 0,
  };
}
