import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { startTestPlatform } from '../test-support/platform.js';

describe('HTTP API', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('GET /api/health answers ok with the number of running media workers', async () => {
    const res = await fetch(`${platform.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', workers: 1 });
  });

  it('sends security headers on every response', async () => {
    const res = await fetch(`${platform.url}/api/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers an unknown API path with a typed 404', async () => {
    const res = await fetch(`${platform.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: ErrorCode.NotFound, message: 'no such endpoint' } });
  });

  it('answers a malformed JSON body with a typed 400 and an oversized one with 413', async () => {
    const post = (body: string) => fetch(`${platform.url}/api/nope`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"oops":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: ErrorCode.BadRequest } });
    const oversized = await post(JSON.stringify({ x: 'y'.repeat(100_000) }));
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toMatchObject({ error: { code: ErrorCode.PayloadTooLarge } });
  });

  it('serves the client app for deep links such as /meet/<roomId>', async () => {
    const res = await fetch(`${platform.url}/meet/some-room`);
    // 200 with the built client; 503 with a plain explanation when the client was never built.
    expect([200, 503]).toContain(res.status);
    if (res.status === 200) expect(await res.text()).toContain('<div id="root">');
  });

  it('reports degraded health once the media workers are gone', async () => {
    const other = await startTestPlatform();
    other.pool.close();
    const res = await fetch(`${other.url}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', workers: 0 });
    await other.close();
  });
});
