import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, apiError, expectStatus, GUEST_PASSWORD, registerGuest, uniqueEmail } from '../test-support/api.js';
import { connectClient } from '../test-support/platform.js';
import { startTestPlatform } from '../test-support/platform.js';
import { DEVICE_COOKIE } from './auth.js';

const times = (n: number, status: number) => Array.from({ length: n }, () => status);

describe('sign-in lock-out: failures count, a known device gets through', () => {
  let platform: Platform;
  let address = 0;
  /** A browser at an address of its own (a proxy on loopback names it). */
  const browser = () => new ApiClient(platform.url, { forwardedFor: `198.51.100.${++address}` });
  const login = (client: ApiClient, email: string, password: string) => client.post('/api/auth/login', { email, password });

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('never counts successful sign-ins: an owner signing in 15 times a minute from one address is not throttled', async () => {
    const email = uniqueEmail('busy');
    await registerGuest(platform.url, { timeZone: 'Europe/Paris', email }, { forwardedFor: '203.0.113.90' });
    const owner = new ApiClient(platform.url, { forwardedFor: '203.0.113.91' });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await login(owner, email, GUEST_PASSWORD)).status);
    expect(statuses).toEqual(times(15, 200));
  });

  it('lets the owner in from a browser that signed in before, while an attacker who burned the limit stays locked out', async () => {
    const email = uniqueEmail('owner');
    await registerGuest(platform.url, { timeZone: 'Asia/Shanghai', email }, { forwardedFor: '203.0.113.92' });
    const owner = browser();
    expectStatus(await login(owner, email, GUEST_PASSWORD), 200);
    const device = owner.cookie(DEVICE_COOKIE);
    expect(device).toBeTruthy();
    const setCookie = (await login(owner, email, GUEST_PASSWORD)).setCookies.find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expectStatus(await owner.post('/api/auth/logout'), 204);

    // The attacker spreads ten wrong guesses over ten addresses: the e-mail's limit is spent.
    const guesses = await Promise.all(Array.from({ length: 10 }, () => login(browser(), email, 'wrong-guess-1234')));
    expect(guesses.map((r) => r.status)).toEqual(times(10, 401));
    const attacker = browser();
    const refused = await login(attacker, email, GUEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(apiError(refused).code).toBe(ErrorCode.RateLimited);
    expect(refused.setCookies).toEqual([]);

    // The owner's browser, now at yet another address, still signs in with the right password.
    const ownerAgain = browser();
    ownerAgain.setCookie(DEVICE_COOKIE, device!);
    expectStatus(await login(ownerAgain, email, GUEST_PASSWORD), 200);

    // The device cookie of another account, or a forged one, buys nothing.
    const otherEmail = uniqueEmail('other');
    await registerGuest(platform.url, { timeZone: 'Asia/Tokyo', email: otherEmail }, { forwardedFor: '203.0.113.93' });
    const other = browser();
    expectStatus(await login(other, otherEmail, GUEST_PASSWORD), 200);
    const borrowed = browser();
    borrowed.setCookie(DEVICE_COOKIE, other.cookie(DEVICE_COOKIE)!);
    expect((await login(borrowed, email, GUEST_PASSWORD)).status).toBe(429);
    const forged = browser();
    forged.setCookie(DEVICE_COOKIE, `${device!.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`);
    expect((await login(forged, email, GUEST_PASSWORD)).status).toBe(429);
  });

  it('still limits wrong guesses from a known device: 10 per minute per device cookie', async () => {
    const email = uniqueEmail('stolen');
    await registerGuest(platform.url, { timeZone: 'Europe/Rome', email }, { forwardedFor: '203.0.113.94' });
    const laptop = browser();
    expectStatus(await login(laptop, email, GUEST_PASSWORD), 200);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login(laptop, email, `wrong-guess-${i}-xyz`)).status);
    expect(statuses).toEqual([...times(10, 401), 429]);
  });
});

// Each test starts a platform of its own (TRUST_PROXY is read at start): slow on a loaded machine.
describe('TRUST_PROXY: whose X-Forwarded-For names the client', { timeout: 90_000 }, () => {
  /**
   * 10 password-reset requests (the cheapest per-IP limited route: 10 per 15 minutes), each
   * claiming another forwarded address; then the 11th's status.
   */
  const burnFromSpoofedAddresses = async (url: string) => {
    const ask = (from: string) =>
      new ApiClient(url, { forwardedFor: from }).post('/api/auth/password-reset/request', { email: uniqueEmail('nobody') });
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(`192.0.2.${i + 1}`).then((r) => r.status)));
    expect(statuses).toEqual(times(10, 202));
    return (await ask('192.0.2.77')).status;
  };

  it('by default trusts nobody: a client cannot dodge the per-IP limit by inventing X-Forwarded-For addresses', async () => {
    const platform = await startTestPlatform({ TRUST_PROXY: '' });
    try {
      expect(await burnFromSpoofedAddresses(platform.url)).toBe(429);
      const socket = await connectClient(platform.url, { headers: { 'x-forwarded-for': '192.0.2.66' } });
      const [server] = await platform.io.fetchSockets();
      expect(server?.data.clientAddress).toBe('127.0.0.1');
      socket.close();
    } finally {
      await platform.close();
    }
  });

  it('behind a trusted proxy (CIDR list) gives every forwarded client its own bucket, on HTTP and sockets alike', async () => {
    const platform = await startTestPlatform({ TRUST_PROXY: '127.0.0.0/8, ::1' });
    try {
      expect(await burnFromSpoofedAddresses(platform.url)).toBe(202);
      const socket = await connectClient(platform.url, { headers: { 'x-forwarded-for': '192.0.2.66' } });
      const [server] = await platform.io.fetchSockets();
      expect(server?.data.clientAddress).toBe('192.0.2.66');
      socket.close();
    } finally {
      await platform.close();
    }
  });

  it('with a hop count trusts only that many proxies: an address the client put in front of its own is ignored', async () => {
    const platform = await startTestPlatform({ TRUST_PROXY: '1' });
    try {
      // The client sent "X-Forwarded-For: 10.9.9.9"; the one proxy appended the address it saw.
      const socket = await connectClient(platform.url, { headers: { 'x-forwarded-for': '10.9.9.9, 198.51.100.200' } });
      const [server] = await platform.io.fetchSockets();
      expect(server?.data.clientAddress).toBe('198.51.100.200');
      socket.close();
    } finally {
      await platform.close();
    }
  });
});
