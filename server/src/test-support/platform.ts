import { io, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import { PROTOCOL_VERSION, SOCKET_PATH, type Ack, type ErrorBody, type ParticipantRole } from '@ca/signaling';
import { signMeetingToken } from '../security/meetingTokens.js';
import { loadConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { startPlatform, type Platform } from '../platform.js';
import { createTestDatabase } from './database.js';
import { silentLog } from './media.js';
import { trackOutbox } from './outbox.js';

/**
 * The real platform on an ephemeral loopback port with one media worker, on a fresh database
 * of the engine under test (see createTestDatabase), dropped again by `close()`. `options.log`
 * replaces the silent logger (see captureLog).
 */
export async function startTestPlatform(env: Record<string, string> = {}, options: { log?: Logger } = {}): Promise<Platform> {
  const log = options.log ?? silentLog;
  const database = env.DATABASE_FILE || env.DATABASE_URL ? undefined : await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    MEDIA_WORKERS: '1',
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'true',
    // Tests stand in for a reverse proxy on this machine: ApiClient's `forwardedFor` names the client.
    TRUST_PROXY: 'loopback',
    ...database?.env,
    ...env,
  });
  if (!database) {
    const platform = await startPlatform(config, log);
    // Its outbox is where registerGuest finds the confirmation link.
    const untrack = trackOutbox(platform.url, platform.services.store);
    return { ...platform, drain: (timeoutMs) => platform.drain(timeoutMs).finally(untrack), close: () => platform.close().finally(untrack) };
  }
  const platform = await startPlatform(config, log).catch(async (err: unknown) => {
    await database.drop();
    throw err;
  });
  const untrack = trackOutbox(platform.url, platform.services.store);
  let dropped: Promise<void> | undefined;
  const drop = () => (dropped ??= (untrack(), database.drop()));
  return {
    ...platform,
    drain: (timeoutMs) => platform.drain(timeoutMs).then(drop),
    close: () => platform.close().then(drop),
  };
}

export type TestClient = {
  socket: Socket;
  /** Sends a request with any payload (valid or not) and resolves with the ack. */
  request: (event: string, payload?: unknown) => Promise<Ack<Record<string, unknown>>>;
  /** Sends a request that must succeed and resolves with its ack data. */
  call: <T>(event: string, payload?: unknown) => Promise<T>;
  /** Resolves with the next push of that name. */
  next: <T = Record<string, unknown>>(event: string, timeoutMs?: number) => Promise<T>;
  close: () => void;
};

/**
 * A Socket.io client as a browser or a script would open it; resolves once connected.
 * `localAddress` (e.g. 127.0.0.2: all of 127/8 is loopback) makes it come from another client address.
 */
export async function connectClient(
  url: string,
  options: { protocolVersion?: unknown; origin?: string; localAddress?: string; headers?: Record<string, string> } = {},
): Promise<TestClient> {
  const socket = io(url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: { protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION },
    extraHeaders: { ...options.headers, ...(options.origin ? { origin: options.origin } : {}) },
    reconnection: false,
    forceNew: true,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    request: (event, payload) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<Record<string, unknown>>>,
    call: async <T>(event: string, payload?: unknown): Promise<T> => {
      const ack = (await socket.timeout(5000).emitWithAck(event, payload)) as Ack<T>;
      if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
      return ack.data;
    },
    next: (event, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
        socket.once(event, (payload: unknown) => {
          clearTimeout(timer);
          resolve(payload as never);
        });
      }),
    close: () => socket.close(),
  };
}

/** The connect_error a refused handshake produces, with the typed body in `data`. */
export async function refusedHandshake(url: string, options: { protocolVersion?: unknown; origin?: string }): Promise<ErrorBody | undefined> {
  try {
    const client = await connectClient(url, options);
    client.close();
    return undefined;
  } catch (err) {
    return (err as { data?: ErrorBody }).data;
  }
}

/**
 * The socket clients one test file opens; each test's clients close after it.
 * `connect(url)` (or the default URL) opens one as a browser or script would (`options`: extra
 * handshake headers such as a session cookie, another client address).
 */
export function clientPool(defaultUrl?: () => string): {
  connect: (url?: string, options?: Parameters<typeof connectClient>[1]) => Promise<TestClient>;
} {
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  return {
    connect: async (url = defaultUrl?.(), options = {}) => {
      if (!url) throw new Error('clientPool: no URL');
      const client = await connectClient(url, options);
      clients.push(client);
      return client;
    },
  };
}

/** A meeting token as the HTTP API would issue it: `user-<name>` in `room`, valid from a minute ago for an hour. */
export function testMeetingToken(
  secret: string,
  claims: { room: string; role: ParticipantRole; name: string; country?: string; lang?: string },
): string {
  const now = Math.floor(Date.now() / 1000);
  const { name, ...rest } = claims;
  return signMeetingToken({ ...rest, sub: `user-${name}`, name, nbf: now - 60, exp: now + 3600 }, secret);
}
