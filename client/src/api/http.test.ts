import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, clearCsrfToken, CSRF_HEADER, issuesOf, onSessionExpired, query, reasonOf } from './http';

type Call = { url: string; init: RequestInit };

/** Replaces fetch with one that answers each call with the next response. */
function stubFetch(...responses: Response[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next;
  });
  return calls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const header = (call: Call | undefined, name: string) => (call?.init.headers as Record<string, string> | undefined)?.[name];

afterEach(() => {
  vi.unstubAllGlobals();
  clearCsrfToken();
});

describe('api', () => {
  it('keeps the CSRF token of a session response and sends it on writes, not on reads', async () => {
    const calls = stubFetch(json({ user: { id: 'u1' }, csrfToken: 'tok-1' }), json({ events: [] }), json({ id: 'a1' }, 201));
    await api.get('/api/me');
    await api.get('/api/events');
    await api.post('/api/appointments', { boothId: 'b1' });
    expect(header(calls[1], CSRF_HEADER)).toBeUndefined();
    expect(header(calls[2], CSRF_HEADER)).toBe('tok-1');
    expect(calls[2]?.init.credentials).toBe('same-origin');
    expect(calls[2]?.init.body).toBe('{"boothId":"b1"}');
  });

  it('turns an error body into an ApiError with status, code, message and details', async () => {
    stubFetch(json({ error: { code: 'CONFLICT', message: 'this slot was just taken', details: { reason: 'taken' } } }, 409));
    const error = await api.post('/api/appointments', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', message: 'this slot was just taken' });
    expect(reasonOf(error)).toBe('taken');
  });

  it('lists the issues of a validation error', async () => {
    stubFetch(json({ error: { code: 'BAD_REQUEST', message: 'invalid', details: [{ path: 'weekly.0.end', message: 'must be after start' }] } }, 400));
    const error = await api.put('/api/staff/s1/availability', {}).catch((e: unknown) => e);
    expect(issuesOf(error)).toEqual([{ path: 'weekly.0.end', message: 'must be after start' }]);
  });

  it('reports an unreachable server as NETWORK', async () => {
    stubFetch();
    await expect(api.get('/api/events')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('tells listeners when a signed-in request answers 401', async () => {
    stubFetch(json({ user: { id: 'u1' }, csrfToken: 'tok-1' }), json({ error: { code: 'UNAUTHORIZED', message: 'sign in' } }, 401));
    const expired = vi.fn();
    const off = onSessionExpired(expired);
    await api.get('/api/me');
    await api.get('/api/appointments').catch(() => undefined);
    off();
    expect(expired).toHaveBeenCalledOnce();
  });

  it('builds query strings from the defined values only', () => {
    expect(query({ from: '2026-01-01T00:00:00Z', length: 30, staffId: undefined, q: '' })).toBe('?from=2026-01-01T00%3A00%3A00Z&length=30');
    expect(query({})).toBe('');
  });
});
