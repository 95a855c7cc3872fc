import http from 'node:http';
import { CSRF_HEADER, type ErrorBody, type SessionResponse, type User } from '@ca/signaling';

/** Name of the httpOnly session cookie (mirrors `SESSION_COOKIE` in http/context.ts). */
export const SESSION_COOKIE_NAME = 'ca_session';

/** One HTTP answer: status, headers, the raw text and the JSON body (undefined when the body is not JSON). */
export type ApiResponse<T = unknown> = {
  status: number;
  headers: Headers;
  /** Every Set-Cookie header of the response, unparsed. */
  setCookies: string[];
  text: string;
  body: T;
};

/** The `{ error }` body of a failed API call. */
export type ApiErrorResponse = { error: ErrorBody };

export type RequestOptions = {
  /** JSON body; sent with content-type application/json. */
  body?: unknown;
  /**
   * The CSRF header on writes. Default true: the token captured from login, register or
   * GET /api/me. false leaves the header out; a string sends that value instead.
   */
  csrf?: boolean | string;
  /** Extra request headers. */
  headers?: Record<string, string>;
};

export type ApiClientOptions = {
  /**
   * Sent as X-Forwarded-For, the way a reverse proxy on this machine would (test platforms trust
   * loopback proxies), so rate limits see this address instead of 127.0.0.1. Default none.
   */
  forwardedFor?: string;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser-like API client for tests: fetch with a cookie jar of its own (it keeps the
 * httpOnly session cookie the server sets) and the session's CSRF token, which it sends as
 * `X-CSRF-Token` on every write unless told otherwise.
 */
export class ApiClient {
  readonly #cookies = new Map<string, string>();
  /** The CSRF token of the current session, captured from login, register and GET /api/me. */
  csrfToken: string | undefined;
  /** The signed-in user as the last session response described it. */
  user: User | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly options: ApiClientOptions = {},
  ) {}

  /** The value of a cookie in the jar. */
  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Puts a cookie into the jar (for example a session cookie copied from another client). */
  setCookie(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  get<T = unknown>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T = unknown>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T = unknown>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = unknown>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.options.forwardedFor) headers['x-forwarded-for'] = this.options.forwardedFor;
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers['cookie'] = cookie;
    const csrf = options.csrf ?? true;
    if (!SAFE_METHODS.has(method)) {
      const token = typeof csrf === 'string' ? csrf : csrf ? this.csrfToken : undefined;
      if (token !== undefined) headers[CSRF_HEADER] = token;
    }
    let payload: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: payload, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    this.#storeCookies(setCookies);
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
    const body = (isJson && text ? JSON.parse(text) : undefined) as T;
    this.#captureSession(body);
    return { status: res.status, headers: res.headers, setCookies, text, body };
  }

  #storeCookies(setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
      const expired = expires !== undefined && Date.parse(expires.slice('expires='.length)) <= Date.now();
      if (value === '' || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  #captureSession(body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const session = body as Partial<SessionResponse>;
    if (typeof session.csrfToken === 'string' && typeof session.user === 'object') {
      this.csrfToken = session.csrfToken;
      this.user = session.user;
    }
  }
}

/** The error body of a failed call (throws when the response is not an API error). */
export function apiError(res: ApiResponse): ErrorBody {
  const error = (res.body as Partial<ApiErrorResponse> | undefined)?.error;
  if (!error) throw new Error(`expected an API error, got ${res.status}: ${res.text.slice(0, 200)}`);
  return error;
}

/** Throws with the server's answer unless the status is the expected one; returns the response. */
export function expectStatus<T>(res: ApiResponse<T>, status: number, what = 'request'): ApiResponse<T> {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  return res;
}

/** Signs in with e-mail and password; the client keeps the session cookie and the CSRF token. */
export async function signIn(url: string, email: string, password: string, options: ApiClientOptions = {}): Promise<ApiClient> {
  const client = new ApiClient(url, options);
  expectStatus(await client.post<SessionResponse>('/api/auth/login', { email, password }), 200, `sign in ${email}`);
  return client;
}

export type GuestProfile = {
  timeZone: string;
  name?: string;
  /** Default: a fresh unique address. */
  email?: string;
  /** Default: a valid password of 10+ characters. */
  password?: string;
  country?: string;
  language?: string;
};

let guestCounter = 0;

/** A unique e-mail address for a test account. */
export function uniqueEmail(prefix = 'guest'): string {
  guestCounter += 1;
  return `${prefix}-${process.pid}-${guestCounter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export const GUEST_PASSWORD = 'correct-horse-battery';

/** Registers a guest account and returns its signed-in client. */
export async function registerGuest(url: string, profile: GuestProfile, options: ApiClientOptions = {}): Promise<ApiClient> {
  const client = new ApiClient(url, options);
  const res = await client.post<SessionResponse>('/api/auth/register', {
    name: profile.name ?? 'Test Guest',
    email: profile.email ?? uniqueEmail(),
    password: profile.password ?? GUEST_PASSWORD,
    country: profile.country ?? 'US',
    language: profile.language ?? 'en',
    timeZone: profile.timeZone,
  });
  expectStatus(res, 201, 'register');
  return client;
}

/**
 * Moves the server's clock (platform started with ALLOW_TEST_CLOCK=true) through
 * POST /api/test/clock, signed out so no CSRF token is needed. Returns the new server time.
 */
export async function setServerClock(url: string, now: string | number | Date): Promise<string> {
  const instant = new Date(now).toISOString();
  const res = await new ApiClient(url).post<{ now: string }>('/api/test/clock', { now: instant });
  expectStatus(res, 200, 'set clock');
  return res.body.now;
}

/** An answer exactly as it came over the wire: headers and undecoded bytes. */
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * A GET that sends exactly these headers and hands back the bytes undecoded. Unlike fetch,
 * it adds nothing: fetch sends `Cache-Control: no-cache` with an `If-None-Match` of the
 * caller's, which (rightly) makes a server ignore the tag, and it decompresses bodies.
 */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
