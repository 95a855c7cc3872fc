import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type EmailSentResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, apiError, expectStatus, GUEST_PASSWORD, registerGuest, setServerClock, signIn, uniqueEmail } from '../test-support/api.js';
import { startTestPlatform } from '../test-support/platform.js';

const NEW_PASSWORD = 'a-brand-new-passphrase';

describe('password change and reset by e-mail', () => {
  let platform: Platform;
  let address = 10;
  const client = () => new ApiClient(platform.url, { forwardedFor: `198.51.100.${++address}` });
  /**
   * The outbox rows to `email` about passwords (not the sign-up's confirmation), waiting up to 5 s
   * for `count` of them (reset e-mails are queued after the answer).
   */
  const mailTo = async (email: string, count = 1) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const rows = (await platform.services.store.notifications.outbox()).filter((r) => r.to_email === email && /passw|密码/i.test(r.subject));
      if (rows.length >= count || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const tokenIn = (body: string) => /reset-password#token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];
  const newAccount = async (language = 'en') => {
    const email = uniqueEmail('pw');
    const session = await registerGuest(
      platform.url,
      { timeZone: 'Europe/Vienna', email, language, name: 'Pat' },
      { forwardedFor: `203.0.113.${++address}` },
    );
    return { email, session };
  };
  const requestReset = (email: string) => client().post<EmailSentResponse>('/api/auth/password-reset/request', { email });

  beforeAll(async () => {
    platform = await startTestPlatform({ ALLOW_TEST_CLOCK: 'true', APP_URL: 'https://expo.example.com/' });
  });
  afterAll(() => platform.close());

  describe('change', () => {
    it('needs the current password: a wrong one is 403 and changes nothing; signed out is 401; a short new one 400', async () => {
      const { email, session } = await newAccount();
      const wrong = await session.post('/api/me/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(403);
      expect(apiError(wrong)).toMatchObject({ code: ErrorCode.Forbidden, details: { reason: 'wrong-password' } });
      expect((await client().post('/api/me/password', { currentPassword: GUEST_PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(401);
      expect((await session.post('/api/me/password', { currentPassword: GUEST_PASSWORD, newPassword: 'short' })).status).toBe(400);
      expect((await session.post('/api/me/password', { currentPassword: GUEST_PASSWORD, newPassword: NEW_PASSWORD }, { csrf: false })).status).toBe(
        403,
      );
      await signIn(platform.url, email, GUEST_PASSWORD, { forwardedFor: `203.0.113.${++address}` });
    });

    it('sets the new password, keeps this session, ends every other one, and tells the owner by e-mail', async () => {
      const { email, session } = await newAccount();
      const laptop = await signIn(platform.url, email, GUEST_PASSWORD, { forwardedFor: `203.0.113.${++address}` });
      expectStatus(await session.post('/api/me/password', { currentPassword: GUEST_PASSWORD, newPassword: NEW_PASSWORD }), 204);
      expect((await session.get('/api/me')).status).toBe(200);
      expect((await laptop.get('/api/me')).status).toBe(401);
      expect((await client().post('/api/auth/login', { email, password: GUEST_PASSWORD })).status).toBe(401);
      await signIn(platform.url, email, NEW_PASSWORD, { forwardedFor: `203.0.113.${++address}` });
      const [notice] = await mailTo(email);
      expect(notice?.subject).toBe('Your Cloud Appointment password was changed');
    });
  });

  describe('reset', () => {
    it('answers the same 202 whether or not the address has an account, and e-mails only a real account', async () => {
      const { email } = await newAccount();
      const unknown = uniqueEmail('nobody');
      const known = await requestReset(email);
      const stranger = await requestReset(unknown);
      expect(known.status).toBe(202);
      expect(stranger.status).toBe(202);
      expect(known.text).toBe(stranger.text);
      expect(known.body).toEqual({ status: 'email-sent' });
      const [mail] = await mailTo(email);
      expect(mail?.body).toContain('https://expo.example.com/reset-password#token=');
      expect(await mailTo(unknown, 1)).toEqual([]);
    });

    it('keeps only the hash of the token, takes it once, sets the password and ends every session', async () => {
      const { email, session } = await newAccount();
      expectStatus(await requestReset(email), 202);
      const token = tokenIn((await mailTo(email))[0]!.body)!;
      const stored = await platform.services.store.db
        .selectFrom('account_tokens')
        .selectAll()
        .where('email', '=', email)
        .where('purpose', '=', 'password-reset')
        .execute();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);

      // Two tabs race with the one link: exactly one sets the password.
      const raced = await Promise.all(
        [NEW_PASSWORD, 'the-other-tabs-password'].map((password) => client().post('/api/auth/password-reset', { token, password })),
      );
      expect(raced.map((r) => r.status).sort()).toEqual([204, 400]);
      const loser = raced.find((r) => r.status === 400)!;
      expect(apiError(loser)).toMatchObject({ code: ErrorCode.BadRequest, details: { reason: 'invalid-token' } });
      const winner = raced[0]!.status === 204 ? NEW_PASSWORD : 'the-other-tabs-password';

      expect((await session.get('/api/me')).status).toBe(401);
      await signIn(platform.url, email, winner, { forwardedFor: `203.0.113.${++address}` });
      expect((await client().post('/api/auth/password-reset', { token, password: 'yet-another-password' })).status).toBe(400);
    });

    it('refuses an expired link, a made-up token and a malformed body, with typed 400s', async () => {
      const { email } = await newAccount();
      expectStatus(await requestReset(email), 202);
      const token = tokenIn((await mailTo(email))[0]!.body)!;
      await setServerClock(platform.url, Date.now() + 61 * 60_000);
      try {
        const late = await client().post('/api/auth/password-reset', { token, password: NEW_PASSWORD });
        expect(apiError(late)).toMatchObject({ code: ErrorCode.BadRequest, details: { reason: 'invalid-token' } });
      } finally {
        await setServerClock(platform.url, Date.now());
      }
      const madeUp = await client().post('/api/auth/password-reset', { token: 'A'.repeat(43), password: NEW_PASSWORD });
      expect(apiError(madeUp).details).toEqual({ reason: 'invalid-token' });
      for (const body of [
        { token },
        { token: 'short', password: NEW_PASSWORD },
        { token, password: NEW_PASSWORD, extra: 1 },
        { token: 'x'.repeat(5000), password: NEW_PASSWORD },
      ]) {
        expect(apiError(await client().post('/api/auth/password-reset', body)).code).toBe(ErrorCode.BadRequest);
      }
      await signIn(platform.url, email, GUEST_PASSWORD, { forwardedFor: `203.0.113.${++address}` });
    });

    it("writes the e-mail in the account's language (zh-CN)", async () => {
      const { email } = await newAccount('zh-CN');
      expectStatus(await requestReset(email), 202);
      const [mail] = await mailTo(email);
      expect(mail?.subject).toBe('重置您的 Cloud Appointment 密码');
      expect(mail?.body).toContain('分钟内');
    });

    it('sends at most three reset e-mails per address per 15 minutes (no mail-bombing)', async () => {
      const { email } = await newAccount();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await requestReset(email)).status);
      expect(statuses).toEqual([202, 202, 202, 429]);
      expect(await mailTo(email, 3)).toHaveLength(3);
    });
  });
});
