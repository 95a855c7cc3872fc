import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode, ISSUE_CODES, type Appointment, type Issue, type SessionResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { DEMO_ACCOUNTS } from '../services/seed.js';
import { ApiClient, apiError, GUEST_PASSWORD, expectStatus, registerGuest, SESSION_COOKIE_NAME, signIn, uniqueEmail } from '../test-support/api.js';
import { confirmationToken, emailsTo } from '../test-support/outbox.js';
import { startTestPlatform } from '../test-support/platform.js';

const registration = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ada Lovelace',
  email: uniqueEmail('ada'),
  password: GUEST_PASSWORD,
  country: 'GB',
  language: 'en',
  timeZone: 'Europe/London',
  ...overrides,
});

describe('accounts and sessions over HTTP', () => {
  let platform: Platform;
  let url: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    url = platform.url;
  });
  afterAll(() => platform.close());

  describe('register', () => {
    it('answers 202 and e-mails a confirmation link; the link creates the guest account, answers 201 with the user and a CSRF token, and sets an httpOnly SameSite=Lax session cookie', async () => {
      const client = new ApiClient(url);
      const body = registration({ email: uniqueEmail('Mixed.Case') });
      const asked = await client.post('/api/auth/register', body);
      expect(asked.status).toBe(202);
      expect(asked.body).toEqual({ status: 'email-sent' });
      expect(asked.setCookies).toEqual([]);
      const token = await confirmationToken(url, body.email);
      expect(await platform.services.store.users.byEmail(body.email)).toBeUndefined();
      const res = await client.post<SessionResponse>('/api/auth/register/confirm', { token });

      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({
        email: body.email.toLowerCase(),
        name: 'Ada Lovelace',
        role: 'guest',
        timeZone: 'Europe/London',
        boothIds: [],
      });
      expect(res.body.csrfToken).toMatch(/^\S{16,}$/);
      expect(res.body.user).not.toHaveProperty('password_hash');

      const cookie = res.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE_NAME}=`));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Path=\//i);

      const me = await client.get<SessionResponse>('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ user: res.body.user, csrfToken: res.body.csrfToken });
    });

    it('answers a taken e-mail (in any letter case) exactly as a new one, and tells its owner by e-mail instead', async () => {
      const email = uniqueEmail('twice');
      await registerGuest(url, { timeZone: 'Europe/London', email, name: 'First Owner' });
      const fresh = await new ApiClient(url).post('/api/auth/register', registration());
      const again = await new ApiClient(url).post('/api/auth/register', registration({ email: email.toUpperCase(), name: 'Someone Else' }));
      expect(again.status).toBe(fresh.status);
      expect(again.text).toBe(fresh.text);
      expect(again.setCookies).toEqual([]);
      const [notice] = await emailsTo(url, email, /already have/);
      expect(notice?.subject).toBe('You already have a Cloud Appointment account');
      expect(notice?.body).toContain('Hello First Owner');
      // No second account, and the owner's name and password stand.
      expect((await platform.services.store.users.byEmail(email))?.name).toBe('First Owner');
      await signIn(url, email, GUEST_PASSWORD);
    });

    it('takes a confirmation link once; a second confirmed registration of one address gets 409 and no second account', async () => {
      const email = uniqueEmail('race');
      const first = new ApiClient(url);
      const second = new ApiClient(url);
      expectStatus(await first.post('/api/auth/register', registration({ email })), 202);
      const firstToken = await confirmationToken(url, email);
      expectStatus(await second.post('/api/auth/register', registration({ email, name: 'Second' })), 202);
      let secondToken: string | undefined;
      await vi.waitFor(
        async () => {
          const rows = await emailsTo(url, email, /Confirm/);
          secondToken = rows.map((r) => /#token=([A-Za-z0-9_-]{43})/.exec(r.body)?.[1]).find((t) => t && t !== firstToken);
          expect(secondToken).toBeDefined();
          // The sign-up hashes the password (scrypt) before queueing the e-mail: slow on a busy machine.
        },
        { timeout: 30_000, interval: 100 },
      );
      expectStatus(await first.post('/api/auth/register/confirm', { token: firstToken }), 201);
      const reused = await new ApiClient(url).post('/api/auth/register/confirm', { token: firstToken });
      expect(apiError(reused)).toMatchObject({ code: ErrorCode.BadRequest, details: { reason: 'invalid-token' } });
      const late = await second.post('/api/auth/register/confirm', { token: secondToken });
      expect(late.status).toBe(409);
      expect(apiError(late).code).toBe(ErrorCode.Conflict);
      expect(late.setCookies).toEqual([]);
    });

    it.each([
      ['a password shorter than 10 characters', { password: 'short' }, 'password'],
      ['a time zone the tz database does not know', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['a time zone that is not an IANA name at all', { timeZone: 'GMT+2 (summer)' }, 'timeZone'],
      ['an unknown field (a self-chosen role)', { role: 'organizer' }, 'role'],
    ])('refuses %s with 400 BAD_REQUEST, says which field, and writes no account', async (_case, overrides, field) => {
      const body = registration(overrides);
      const client = new ApiClient(url);
      const res = await client.post('/api/auth/register', body);

      expect(res.status).toBe(400);
      const error = apiError(res);
      expect(error.code).toBe(ErrorCode.BadRequest);
      expect(Array.isArray(error.details)).toBe(true);
      expect(JSON.stringify(error.details)).toContain(field);
      expect(res.setCookies).toEqual([]);
      expect(await platform.services.store.users.byEmail(body.email)).toBeUndefined();
      expect((await client.get('/api/me')).status).toBe(401);
    });

    it('stores the current name of a renamed zone (Asia/Calcutta → Asia/Kolkata)', async () => {
      // Sign-up confirms by e-mail; the account it creates carries the zone's current name.
      const client = await registerGuest(url, { timeZone: 'Asia/Calcutta' });
      const me = await client.get<SessionResponse>('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.user.timeZone).toBe('Asia/Kolkata');
    });

    it('says what is wrong with each refused field as a code with its bounds, for the client to word in any language', async () => {
      const res = await new ApiClient(url).post('/api/auth/register', registration({ password: 'short', name: '', timeZone: 'Mars/Olympus_Mons' }));
      expect(res.status).toBe(400);
      const details = apiError(res).details as Issue[];
      expect(details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'password', code: 'too_small', origin: 'string', minimum: 10 }),
          expect.objectContaining({ path: 'name', code: 'too_small', origin: 'string', minimum: 1 }),
        ]),
      );
      for (const issue of details) expect(ISSUE_CODES).toContain(issue.code);
    });

    it('never stores the password in clear: only a salted scrypt hash, different for equal passwords', async () => {
      const first = registration();
      const second = registration();
      await registerGuest(url, first);
      await registerGuest(url, second);

      const rowA = await platform.services.store.users.byEmail(first.email);
      const rowB = await platform.services.store.users.byEmail(second.email);
      expect(rowA?.password_hash).toMatch(/^scrypt\$/);
      expect(rowA?.password_hash).not.toContain(GUEST_PASSWORD);
      expect(JSON.stringify(rowA)).not.toContain(GUEST_PASSWORD);
      expect(rowB?.password_hash).not.toBe(rowA?.password_hash);
    });
  });

  describe('login', () => {
    it('signs a demo account in and answers with its profile and a CSRF token', async () => {
      const client = await signIn(url, DEMO_ACCOUNTS.guest.email, DEMO_ACCOUNTS.guest.password);
      expect(client.user).toMatchObject({ email: DEMO_ACCOUNTS.guest.email, role: 'guest', timeZone: 'America/Los_Angeles' });
      expect(client.cookie(SESSION_COOKIE_NAME)).toBeDefined();
      expect((await client.get('/api/me')).status).toBe(200);
    });

    it('answers a wrong password and an unknown e-mail with the same 401 and the same message', async () => {
      const wrongPassword = await new ApiClient(url).post('/api/auth/login', {
        email: DEMO_ACCOUNTS.guest.email,
        password: 'not-the-password',
      });
      const unknownEmail = await new ApiClient(url).post('/api/auth/login', {
        email: 'nobody-here@example.test',
        password: DEMO_ACCOUNTS.guest.password,
      });

      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(apiError(wrongPassword).code).toBe(ErrorCode.Unauthorized);
      expect(apiError(unknownEmail)).toEqual(apiError(wrongPassword));
      expect(wrongPassword.setCookies).toEqual([]);
    });
  });

  describe('session', () => {
    it('answers GET /api/me with 401 UNAUTHORIZED when signed out', async () => {
      const res = await new ApiClient(url).get('/api/me');
      expect(res.status).toBe(401);
      expect(apiError(res).code).toBe(ErrorCode.Unauthorized);
    });

    it('ends the session on logout: the old cookie no longer signs anyone in', async () => {
      const client = await registerGuest(url, { timeZone: 'Asia/Tokyo' });
      const token = client.cookie(SESSION_COOKIE_NAME);
      expect(token).toBeDefined();

      const out = await client.post('/api/auth/logout');
      expect(out.status).toBe(204);
      expect(out.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE_NAME}=;`))).toBe(true);
      expect(client.cookie(SESSION_COOKIE_NAME)).toBeUndefined();

      // A client that kept the old cookie (say, a stolen copy) is signed out too: the session is gone on the server.
      const replay = new ApiClient(url);
      replay.setCookie(SESSION_COOKIE_NAME, token!);
      expect((await replay.get('/api/me')).status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('refuses a write that carries the session cookie but no X-CSRF-Token with 403 FORBIDDEN and changes nothing', async () => {
      const client = await registerGuest(url, { timeZone: 'Europe/Paris', name: 'Camille' });

      const patch = await client.patch('/api/me', { name: 'Mallory' }, { csrf: false });
      expect(patch.status).toBe(403);
      expect(apiError(patch)).toMatchObject({ code: ErrorCode.Forbidden, details: { header: 'x-csrf-token' } });

      const booths = await client.get<{ events: { id: string }[] }>('/api/events');
      const eventId = booths.body.events[0]!.id;
      const boothList = await client.get<{ booths: { id: string }[] }>(`/api/events/${eventId}/booths`);
      const book = await client.post(
        '/api/appointments',
        { boothId: boothList.body.booths[0]!.id, start: new Date(Date.now() + 3 * 86_400_000).toISOString() },
        { csrf: false },
      );
      expect(book.status).toBe(403);
      expect(apiError(book).code).toBe(ErrorCode.Forbidden);

      const me = await client.get<SessionResponse>('/api/me');
      expect(me.body.user.name).toBe('Camille');
      expect((await client.get<{ appointments: Appointment[] }>('/api/appointments')).body.appointments).toEqual([]);
    });

    it('refuses a wrong X-CSRF-Token, including the valid token of another session, with 403 FORBIDDEN', async () => {
      const victim = await registerGuest(url, { timeZone: 'Europe/Paris', name: 'Victim' });
      const attacker = await registerGuest(url, { timeZone: 'Europe/Paris', name: 'Attacker' });

      for (const token of ['wrong', 'x'.repeat(victim.csrfToken!.length), attacker.csrfToken!]) {
        const res = await victim.patch('/api/me', { name: 'Mallory' }, { csrf: token });
        expect(res.status, token).toBe(403);
        expect(apiError(res).code).toBe(ErrorCode.Forbidden);
      }
      expect((await victim.get<SessionResponse>('/api/me')).body.user.name).toBe('Victim');

      // The right token is accepted, so the refusals above were about the token alone.
      const ok = await victim.patch<SessionResponse>('/api/me', { name: 'Victoria' });
      expect(ok.status).toBe(200);
      expect(ok.body.user.name).toBe('Victoria');
    });
  });
});

describe('login rate limit', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('answers the 21st login attempt within a minute from one IP with 429 RATE_LIMITED, also with the right password', async () => {
    const attacker = new ApiClient(platform.url, { forwardedFor: '203.0.113.7' });
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attacker.post('/api/auth/login', { email: `nobody${i}@example.com`, password: 'guessing-again' })),
    );
    expect(attempts.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 401));

    const limited = await attacker.post('/api/auth/login', {
      email: DEMO_ACCOUNTS.guest.email,
      password: DEMO_ACCOUNTS.guest.password,
    });
    expect(limited.status).toBe(429);
    expect(apiError(limited).code).toBe(ErrorCode.RateLimited);
    expect(limited.setCookies).toEqual([]);

    // The limit is per address: someone else can still sign in.
    const other = new ApiClient(platform.url, { forwardedFor: '198.51.100.23' });
    const ok = await other.post('/api/auth/login', { email: DEMO_ACCOUNTS.guest.email, password: DEMO_ACCOUNTS.guest.password });
    expect(ok.status).toBe(200);
  });

  it('answers the 11th login attempt on one account within a minute with 429, even from a new address each time', async () => {
    const email = DEMO_ACCOUNTS.organizer.email;
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        new ApiClient(platform.url, { forwardedFor: `192.0.2.${i + 1}` }).post('/api/auth/login', { email, password: 'guessing-again' }),
      ),
    );
    expect(attempts.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 401));
    const fresh = new ApiClient(platform.url, { forwardedFor: '192.0.2.200' });
    const limited = await fresh.post('/api/auth/login', { email, password: DEMO_ACCOUNTS.organizer.password });
    expect(limited.status).toBe(429);
    expect(apiError(limited).code).toBe(ErrorCode.RateLimited);
  });
});
