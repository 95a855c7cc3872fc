import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BookingLimits } from './services/openRequests.js';
import { parseTrustProxy, type TrustProxy } from './security/clientAddress.js';
import type { DatabaseOptions } from './store/database.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** postgres:// or postgresql:// with a host; an empty value counts as unset. */
const postgresUrl = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .refine((s) => URL.canParse(s) && /^postgres(ql)?:$/.test(new URL(s).protocol) && new URL(s).hostname !== '', {
      message: 'must be a postgres:// or postgresql:// URL with a host',
    })
    .optional(),
);

const envSchema = z.object({
  /** HTTP and Socket.io port. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface the HTTP server binds. Default 0.0.0.0. */
  HOST: z.string().default('0.0.0.0'),
  /** Number of mediasoup workers. Default: one per CPU core. */
  MEDIA_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** IP the WebRTC transports listen on. Default 127.0.0.1 (this machine only). */
  MEDIA_LISTEN_IP: z.string().default('127.0.0.1'),
  /** Address announced to clients in ICE candidates (public IP or host name), when it differs from the listen IP. */
  MEDIA_ANNOUNCED_ADDRESS: z.string().optional(),
  /** UDP/TCP port range of the WebRTC transports. Default 40000-49999. */
  RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
  RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49999),
  /**
   * Each media worker runs a WebRtcServer: all its transports share one UDP and one TCP port.
   * Set a base port to fix them (worker i listens on base + i, UDP and TCP); unset, each takes a
   * free port from the RTC port range. `WEBRTC_SERVER=false` gives every transport ports of its own.
   */
  WEBRTC_SERVER_PORT: z.coerce.number().int().min(1024).max(65535).optional(),
  WEBRTC_SERVER: boolean.default(true),
  /** Most participants in one room. Default 50. */
  MAX_PEERS_PER_ROOM: z.coerce.number().int().min(2).max(1000).default(50),
  /** Extra origins allowed to open a socket (comma separated); the server's own origin is always allowed. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Folder of the built client. Default: client/dist of this checkout. */
  CLIENT_DIST: z.string().default(path.resolve(here, '../../client/dist')),
  /** pino level. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Demo mode keeps instant `/meet/<roomId>` links open to anyone and seeds a demo expo. Default true. */
  DEMO_MODE: boolean.default(true),
  /** The SQLite database file, used when DATABASE_URL is unset. Default data/cloud-appointment.sqlite in this checkout. */
  DATABASE_FILE: z.string().default(path.resolve(here, '../../data/cloud-appointment.sqlite')),
  /** PostgreSQL instead of SQLite (needed when several nodes share the data), e.g. postgres://ca:secret@db:5432/ca. Default unset. */
  DATABASE_URL: postgresUrl,
  /** Most PostgreSQL connections one node opens. Default 10. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Secret that signs meeting tokens (needed when several nodes share a database). Default: generated once and kept in the database. */
  MEETING_TOKEN_SECRET: z.string().min(32).optional(),
  /** SMTP server for reminder e-mails, e.g. smtp://user:pass@mail.example.com:587. Unset: e-mails stay in the outbox table. */
  SMTP_URL: z.string().url().optional(),
  /** Sender address of e-mails. Default "Cloud Appointment <no-reply@localhost>". */
  MAIL_FROM: z.string().default('Cloud Appointment <no-reply@localhost>'),
  /** TURN server URLs for clients behind strict firewalls (comma separated, e.g. turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349). */
  TURN_URLS: z.string().default(''),
  /** coturn's static-auth-secret (use-auth-secret): time-limited TURN credentials are derived from it. */
  TURN_SECRET: z.string().min(16).optional(),
  /** How long TURN credentials stay valid, in seconds. Default 6 h (a long session plus margin). */
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(21_600),
  /** How long a participant whose connection dropped keeps their place, in ms. Default 20 s. */
  RESUME_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(20_000),
  /** Bearer token `GET /metrics` requires (Prometheus' `authorization`). Unset: only callers on this machine may scrape. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Minutes after an appointment's start by which both sides must have joined; then it is a no-show. Default 10. */
  NO_SHOW_AFTER_MINUTES: z.coerce.number().int().min(1).max(240).default(10),
  /** Requests one socket may send per second before RATE_LIMITED. Default 100. */
  SOCKET_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(100),
  /** On SIGTERM, how long participants may finish before their rooms close, in ms. Default 30 s. */
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Lets tests move the server's clock through POST /api/test/clock. Never in production. Default false. */
  ALLOW_TEST_CLOCK: boolean.default(false),
  /** Redis shared by several nodes (Socket.io adapter, room placement, presence, lobbies, limits), e.g. redis://redis:6379. Unset: one node, all in process. */
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((s) => URL.canParse(s) && /^rediss?:$/.test(new URL(s).protocol), { message: 'must be a redis:// or rediss:// URL' })
      .optional(),
  ),
  /** This node's name in the cluster. Default: host name and port. */
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/)
    .optional(),
  /** The URL browsers reach this node at (its own origin, not the load balancer's), e.g. https://node-1.expo.example.com. Default http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** How often a node publishes its heartbeat and refreshes its rooms' placement, in ms; a node silent for 3 beats counts as dead. Default 1000. */
  CLUSTER_HEARTBEAT_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /**
   * Viewers a stage takes on its own node before further viewers are sent to an overflow node
   * that relays it (media piped node to node). Also when the stage room is full (MAX_PEERS_PER_ROOM).
   */
  STAGE_AUDIENCE_PER_NODE: z.coerce.number().int().min(0).max(100_000).default(400),
  /** Open (requested, unanswered, upcoming) appointment requests one guest may have at one booth. Default 2. */
  OPEN_REQUESTS_PER_BOOTH: z.coerce.number().int().min(1).max(1000).default(2),
  /** Open appointment requests one guest may have over all booths. Default 6. */
  OPEN_REQUESTS_TOTAL: z.coerce.number().int().min(1).max(10_000).default(6),
  /** An unanswered request expires this many minutes before its slot starts, freeing the slot; the guest is told. Default 60. */
  REQUEST_EXPIRY_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  WAITLIST_OFFER_MINUTES: z.coerce.number().int().min(1).max(1_440).default(30),
  /**
   * Which peers may name the client in X-Forwarded-For: a hop count (1 = one proxy in front) or
   * a comma-separated list of addresses/CIDRs (`loopback`, `10.0.0.0/8`). Default: nobody.
   */
  TRUST_PROXY: z.string().optional(),
  /** The site's address as people open it (the load balancer's), put in e-mail links. Default http://localhost:PORT. */
  APP_URL: z.string().url().optional(),
  /** The media engine of agenda stages: our embedded mediasoup, or a LiveKit deployment (needs the three LIVEKIT_ values). Default mediasoup. */
  STAGE_MEDIA: z.enum(['mediasoup', 'livekit']).default('mediasoup'),
  /** The LiveKit server browsers connect to, e.g. wss://livekit.example.com (its RoomService API is the same host over http(s)). */
  LIVEKIT_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((s) => URL.canParse(s) && /^(wss?|https?):$/.test(new URL(s).protocol), { message: 'must be a ws://, wss://, http:// or https:// URL' })
      .optional(),
  ),
  /** LiveKit API key (signs access tokens, calls the RoomService API, verifies webhooks). */
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  /** LiveKit API secret of that key (LiveKit asks for 32 characters or more). */
  LIVEKIT_API_SECRET: z.string().min(32).optional(),
  /** How long a LiveKit stage token lets its holder (re)connect, in seconds. Default 10 minutes. */
  LIVEKIT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
  /** Folder of meeting recordings (a folder per recording). Default: data/recordings in this checkout. */
  RECORDINGS_DIR: z.string().default(path.resolve(here, '../../data/recordings')),
  /** Days a recording's files are kept after it started; then they are deleted. Default 30. */
  RECORDING_RETENTION_DAYS: z.coerce.number().min(0.0001).max(3650).default(30),
});

export type Config = {
  port: number;
  host: string;
  media: {
    workers: number;
    listenIp: string;
    announcedAddress: string | undefined;
    portRange: { min: number; max: number };
    /** Run a WebRtcServer per worker; with a fixed base port or not. */
    webRtcServer: { port: number | undefined } | undefined;
    maxPeersPerRoom: number;
  };
  meetings: {
    turn: { urls: string[]; secret: string; ttlSeconds: number } | undefined;
    resumeGraceMs: number;
    /** Minutes after the start by which both sides must have joined, else no-show. */
    noShowAfterMinutes: number;
    socketRequestsPerSecond: number;
    drainTimeoutMs: number;
  };
  /** Server-side recording: where files go and how long they are kept. */
  recordings: { dir: string; retentionDays: number };
  allowedOrigins: string[];
  /** Proxies whose X-Forwarded-For names the client (HTTP limits and sockets alike). */
  trustProxy: TrustProxy;
  /** Base of links in e-mails (password reset), without a trailing slash. */
  appUrl: string;
  clientDist: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demoMode: boolean;
  /** SQLite unless DATABASE_URL is set; log it with describeDatabase(), never as is. */
  database: DatabaseOptions;
  meetingTokenSecret: string | undefined;
  allowTestClock: boolean;
  /** Bearer token of GET /metrics; undefined: loopback callers only. */
  metricsToken: string | undefined;
  smtp: { url: string; from: string } | undefined;
  booking: BookingLimits;
  /** Minutes a freed time is held for the waiting guest offered it (WAITLIST_OFFER_MINUTES). */
  waitlistOfferMinutes: number;
  /** Several nodes sharing one Redis; undefined: a single node, everything in process. */
  cluster:
    { redisUrl: string; nodeId: string | undefined; publicUrl: string | undefined; heartbeatMs: number; stageAudiencePerNode: number } | undefined;
  /** Where stage media runs: undefined = our mediasoup (as for every other room); set = a LiveKit deployment. */
  stageMedia: LiveKitConfig | undefined;
};

export type LiveKitConfig = {
  /** What browsers connect to (ws:// or wss://). */
  url: string;
  apiKey: string;
  apiSecret: string;
  tokenTtlSeconds: number;
};

function liveKitConfig(e: z.infer<typeof envSchema>): LiveKitConfig | undefined {
  if (e.STAGE_MEDIA === 'mediasoup') return undefined;
  const missing = (['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const).filter((k) => !e[k]);
  if (missing.length > 0) throw new Error(`invalid configuration: STAGE_MEDIA=livekit needs ${missing.join(', ')}`);
  const url = new URL(e.LIVEKIT_URL ?? '');
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return {
    url: url.toString().replace(/\/+$/, ''),
    apiKey: e.LIVEKIT_API_KEY ?? '',
    apiSecret: e.LIVEKIT_API_SECRET ?? '',
    tokenTtlSeconds: e.LIVEKIT_TOKEN_TTL_SECONDS,
  };
}

function turnConfig(e: z.infer<typeof envSchema>): Config['meetings']['turn'] {
  const urls = e.TURN_URLS.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) return undefined;
  if (!e.TURN_SECRET) throw new Error('invalid configuration: TURN_URLS needs TURN_SECRET');
  const bad = urls.find((u) => !/^turns?:[^\s]+$/.test(u));
  if (bad) throw new Error(`invalid configuration: TURN_URLS entry "${bad}" is not a turn: or turns: URL`);
  return { urls, secret: e.TURN_SECRET, ttlSeconds: e.TURN_TTL_SECONDS };
}

/** Reads the configuration from environment variables; throws a readable error on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.RTC_MIN_PORT > e.RTC_MAX_PORT) throw new Error('invalid configuration: RTC_MIN_PORT > RTC_MAX_PORT');
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY);
  } catch (err) {
    throw new Error(`invalid configuration: TRUST_PROXY: ${err instanceof Error ? err.message.replace(/^TRUST_PROXY: /, '') : String(err)}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    media: {
      workers: e.MEDIA_WORKERS ?? os.availableParallelism(),
      listenIp: e.MEDIA_LISTEN_IP,
      announcedAddress: e.MEDIA_ANNOUNCED_ADDRESS,
      portRange: { min: e.RTC_MIN_PORT, max: e.RTC_MAX_PORT },
      webRtcServer: e.WEBRTC_SERVER ? { port: e.WEBRTC_SERVER_PORT } : undefined,
      maxPeersPerRoom: e.MAX_PEERS_PER_ROOM,
    },
    meetings: {
      turn: turnConfig(e),
      resumeGraceMs: e.RESUME_GRACE_MS,
      noShowAfterMinutes: e.NO_SHOW_AFTER_MINUTES,
      socketRequestsPerSecond: e.SOCKET_REQUESTS_PER_SECOND,
      drainTimeoutMs: e.DRAIN_TIMEOUT_MS,
    },
    recordings: { dir: e.RECORDINGS_DIR, retentionDays: e.RECORDING_RETENTION_DAYS },
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustProxy,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    clientDist: e.CLIENT_DIST,
    logLevel: e.LOG_LEVEL,
    demoMode: e.DEMO_MODE,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { engine: 'sqlite', file: e.DATABASE_FILE },
    meetingTokenSecret: e.MEETING_TOKEN_SECRET,
    allowTestClock: e.ALLOW_TEST_CLOCK,
    metricsToken: e.METRICS_TOKEN,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    booking: {
      openRequestsPerBooth: e.OPEN_REQUESTS_PER_BOOTH,
      openRequestsTotal: e.OPEN_REQUESTS_TOTAL,
      requestExpiryMinutes: e.REQUEST_EXPIRY_MINUTES,
    },
    waitlistOfferMinutes: e.WAITLIST_OFFER_MINUTES,
    cluster: e.REDIS_URL
      ? {
          redisUrl: e.REDIS_URL,
          nodeId: e.NODE_ID,
          publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
          heartbeatMs: e.CLUSTER_HEARTBEAT_MS,
          stageAudiencePerNode: e.STAGE_AUDIENCE_PER_NODE,
        }
      : undefined,
    stageMedia: liveKitConfig(e),
  };
}
