import type { ErrorCode, Issue } from '@ca/signaling';

/**
 * The header writes carry the CSRF token in. Same value as `CSRF_HEADER` of `@ca/signaling`;
 * spelled out here so the main bundle does not pull in the contract's zod schemas.
 */
export const CSRF_HEADER = 'x-csrf-token';

/** Failures the client detects itself, next to the server's `ErrorCode`s. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

/** A refused or failed request. Branch on `status` / `code`; `message` is the server's (English). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(options: { status: number; code: ApiErrorCode; message: string; details?: unknown }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

export type { Issue };

/** The `{ path, message }` issues of a validation error, or none. */
export function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is Issue => typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string');
}

/** The `reason` the server gives in `details` (for example `taken` on a 409), if any. */
export function reasonOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'reason' in details && typeof details.reason === 'string') {
    return details.reason;
  }
  return undefined;
}

let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

/** Called when a request answers 401 although a session was believed open (it expired or was revoked). */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => void expiredListeners.delete(listener);
}

/** Forget the CSRF token (after signing out). */
export function clearCsrfToken(): void {
  csrfToken = null;
}

/** Session responses (`/api/me`, login, register) carry the token writes must echo. */
function rememberCsrf(body: unknown): void {
  if (typeof body === 'object' && body !== null && 'csrfToken' in body && typeof body.csrfToken === 'string' && 'user' in body) {
    csrfToken = body.csrfToken;
  }
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return new ApiError({
      status,
      code: String(error.code) as ApiErrorCode,
      message: String(error.message),
      details: 'details' in error ? error.details : undefined,
    });
  }
  return new ApiError({ status, code: status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE', message: `HTTP ${status}` });
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (cause) {
    throw new ApiError({ status: 0, code: 'NETWORK', message: cause instanceof Error ? cause.message : 'network error' });
  }
  if (response.status === 204) return undefined as T;
  let parsed: unknown = undefined;
  try {
    parsed = await response.json();
  } catch {
    if (response.ok) throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: 'response is not JSON' });
  }
  if (!response.ok) {
    if (response.status === 401 && csrfToken && !path.startsWith('/api/auth/')) {
      csrfToken = null;
      for (const listener of expiredListeners) listener();
    }
    throw errorFrom(response.status, parsed);
  }
  rememberCsrf(parsed);
  return parsed as T;
}

/** Query string from defined values only: `query({ a: 1, b: undefined })` → `?a=1`. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The typed REST client. Same origin, the session cookie goes along; writes carry the
 * CSRF token of the last session response. Rejects with `ApiError`.
 */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
