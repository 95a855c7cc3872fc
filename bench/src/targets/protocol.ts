/** IPC between the bench (parent) and a target server running in its own Node process. */

export type TargetSample = {
  /** The target Node process's resident set size, after two forced GCs. */
  rssBytes: number;
  heapUsedBytes: number;
  /** process.cpuUsage() user + system, in microseconds, since the process started. */
  cpuMicros: number;
  /** Its mediasoup workers, with their RSS from /proc (null where unreadable). */
  workers: { pid: number; rssBytes: number | null }[];
  /** Live-object counters of targets that keep them (the soak target: mediasoup objects, rooms, timers). */
  counters?: Record<string, number>;
};

export type ParentMessage = { type: 'sample' } | { type: 'close' };

export type ChildMessage =
  { type: 'ready'; url: string; workerPids: number[] } | { type: 'sample'; sample: TargetSample } | { type: 'error'; message: string };

/** What the parent passes in the BENCH_TARGET_OPTIONS environment variable (JSON). */
export type PlatformTargetOptions = {
  /** The SQLite file, used when `databaseUrl` is not given. */
  databaseFile?: string;
  /** postgres://… of an (empty or seeded) PostgreSQL database: the platform stores there instead of SQLite. */
  databaseUrl?: string;
  mediaWorkers: number;
  maxPeersPerRoom: number;
  /** The per-socket request limit (SOCKET_REQUESTS_PER_SECOND); absent: the platform's default (100). */
  socketRequestsPerSecond?: number;
};

export type BareTargetOptions = {
  /** The value acked to join and getRouterRtpCapabilities, so both servers send the same bytes. */
  rtpCapabilities: unknown;
};

export const TARGET_OPTIONS_ENV = 'BENCH_TARGET_OPTIONS';
