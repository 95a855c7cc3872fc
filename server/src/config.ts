import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  /** The SQLite database file. Default data/cloud-appointment.sqlite in this checkout. */
  DATABASE_FILE: z.string().default(path.resolve(here, '../../data/cloud-appointment.sqlite')),
  /** Secret that signs meeting tokens (needed when several nodes share a database). Default: generated once and kept in the database. */
  MEETING_TOKEN_SECRET: z.string().min(32).optional(),
  /** SMTP server for reminder e-mails, e.g. smtp://user:pass@mail.example.com:587. Unset: e-mails stay in the outbox table. */
  SMTP_URL: z.string().url().optional(),
  /** Sender address of e-mails. Default "Cloud Appointment <no-reply@localhost>". */
  MAIL_FROM: z.string().default('Cloud Appointment <no-reply@localhost>'),
  /** Lets tests move the server's clock through POST /api/test/clock. Never in production. Default false. */
  ALLOW_TEST_CLOCK: boolean.default(false),
});

export type Config = {
  port: number;
  host: string;
  media: {
    workers: number;
    listenIp: string;
    announcedAddress: string | undefined;
    portRange: { min: number; max: number };
    maxPeersPerRoom: number;
  };
  allowedOrigins: string[];
  clientDist: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demoMode: boolean;
  databaseFile: string;
  meetingTokenSecret: string | undefined;
  allowTestClock: boolean;
  smtp: { url: string; from: string } | undefined;
};

/** Reads the configuration from environment variables; throws a readable error on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.RTC_MIN_PORT > e.RTC_MAX_PORT) throw new Error('invalid configuration: RTC_MIN_PORT > RTC_MAX_PORT');
  return {
    port: e.PORT,
    host: e.HOST,
    media: {
      workers: e.MEDIA_WORKERS ?? os.availableParallelism(),
      listenIp: e.MEDIA_LISTEN_IP,
      announcedAddress: e.MEDIA_ANNOUNCED_ADDRESS,
      portRange: { min: e.RTC_MIN_PORT, max: e.RTC_MAX_PORT },
      maxPeersPerRoom: e.MAX_PEERS_PER_ROOM,
    },
    allowedOrigins: e.ALLOWED_ORIGINS,
    clientDist: e.CLIENT_DIST,
    logLevel: e.LOG_LEVEL,
    demoMode: e.DEMO_MODE,
    databaseFile: e.DATABASE_FILE,
    meetingTokenSecret: e.MEETING_TOKEN_SECRET,
    allowTestClock: e.ALLOW_TEST_CLOCK,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
  };
}
