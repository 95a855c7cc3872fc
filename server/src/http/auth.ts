import type { Request, Response } from 'express';
import {
  confirmRegistrationRequestSchema,
  loginRequestSchema,
  registerRequestSchema,
  updateMeRequestSchema,
  type EmailSentResponse,
  type SessionResponse,
  emailSentResponseSchema,
  sessionResponseSchema,
} from '@ca/signaling';
import type { AuthService } from '../services/auth.js';
import type { Services } from '../services/index.js';
import { currentUser, parse, requireUser, route, SESSION_COOKIE } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';
import { DocumentedRouter } from './apiRegistry.js';

/** The httpOnly cookie that marks a browser as one the account signed in from (see security/deviceCookies). */
export const DEVICE_COOKIE = 'ca_device';

function setSessionCookie(req: Request, res: Response, token: string, expiresAt: number): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

/** Remembers this browser for the account's next sign-ins (only the sign-in route reads it). */
function setDeviceCookie(req: Request, res: Response, auth: AuthService, user: { id: string; email: string }): void {
  const cookie = auth.deviceCookie(user);
  res.cookie(DEVICE_COOKIE, cookie.value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/api/auth',
    expires: new Date(cookie.expiresAt),
  });
}

/** The id of the device cookie when it shows this browser signed in to the e-mail in the body before. */
function trustedDevice(auth: AuthService): (req: Request, res: Response) => string | undefined {
  return (req, res) => {
    if (!('trustedDevice' in res.locals)) {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      const cookie = (req.cookies as Record<string, string | undefined> | undefined)?.[DEVICE_COOKIE];
      res.locals['trustedDevice'] = typeof email === 'string' ? auth.trustedDevice(cookie, email) : undefined;
    }
    return res.locals['trustedDevice'] as string | undefined;
  };
}

/** Register, sign in and out, and the signed-in user's profile; `stores` hold the rate limits' counters (default in memory). */
export function authRoutes(services: Services, stores?: LimitStores): DocumentedRouter {
  const api = new DocumentedRouter();
  const { auth } = services;
  // Few e-mails per address (no mail-bombing someone), a few sign-ups per client.
  const registerThrottle = rateLimits({ name: 'register', perIp: 20, perEmail: 3, windowMs: 60_000, stores });
  const confirmThrottle = rateLimits({ name: 'register-confirm', perIp: 20, windowMs: 60_000, stores, failuresOnly: true });
  // Failed attempts only; a browser the account signed in from before has its own allowance (lock-out proof).
  const loginThrottle = rateLimits({
    name: 'login',
    perIp: 20,
    perEmail: 10,
    windowMs: 60_000,
    stores,
    failuresOnly: true,
    trustedDevice: { key: trustedDevice(auth), limit: 10 },
  });

  api.post(
    '/auth/register',
    {
      summary:
        'Register a guest account: the same 202 for a new and a taken address; the e-mail carries a confirmation link (or says the account exists)',
      body: registerRequestSchema,
      response: emailSentResponseSchema,
      status: 202,
    },
    registerThrottle,
    route((req, res) => {
      // The same answer, before any work, for a new and a taken address: the e-mail tells them apart.
      const body = parse(registerRequestSchema, req.body);
      void services.registration.start(body);
      res.status(202).json({ status: 'email-sent' } satisfies EmailSentResponse);
    }),
  );

  api.post(
    '/auth/register/confirm',
    {
      summary: 'Confirm a registration with the e-mailed token (single use): creates the account and signs in',
      body: confirmRegistrationRequestSchema,
      response: sessionResponseSchema,
      status: 201,
    },
    confirmThrottle,
    route(async (req, res) => {
      const { token } = parse(confirmRegistrationRequestSchema, req.body);
      const row = await services.registration.confirm(token);
      const session = await auth.openAuthSession(row);
      setSessionCookie(req, res, session.token, session.expiresAt);
      setDeviceCookie(req, res, auth, session.user);
      const { csrfToken, ...user } = session.user;
      res.status(201).json({ user, csrfToken } satisfies SessionResponse);
    }),
  );

  api.post(
    '/auth/login',
    { summary: 'Sign in (sets the httpOnly session cookie)', body: loginRequestSchema, response: sessionResponseSchema },
    loginThrottle,
    route(async (req, res) => {
      const body = parse(loginRequestSchema, req.body);
      const session = await auth.login(body.email, body.password);
      setSessionCookie(req, res, session.token, session.expiresAt);
      setDeviceCookie(req, res, auth, session.user);
      const { csrfToken, ...user } = session.user;
      res.json({ user, csrfToken } satisfies SessionResponse);
    }),
  );

  api.post(
    '/auth/logout',
    { summary: 'Sign out', status: 204 },
    route(async (req, res) => {
      await auth.logout((req.cookies as Record<string, string | undefined>)[SESSION_COOKIE]);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );
  profileRoutes(api, services);
  return api;
}

/** The signed-in user's own profile: read it (with the CSRF token for writes) and change it. */
function profileRoutes(api: DocumentedRouter, { auth }: Services): void {
  api.get(
    '/me',
    { summary: 'The signed-in user and the CSRF token for writes', response: sessionResponseSchema },
    route((_req, res) => {
      const { csrfToken, ...user } = requireUser(res);
      res.json({ user, csrfToken } satisfies SessionResponse);
    }),
  );

  api.patch(
    '/me',
    { summary: 'Update name, language, zone, country', body: updateMeRequestSchema, response: sessionResponseSchema },
    route(async (req, res) => {
      const user = requireUser(res);
      await auth.updateProfile(user.id, parse(updateMeRequestSchema, req.body));
      const token = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
      const fresh = await auth.fromSessionToken(token);
      const { csrfToken, ...rest } = fresh ?? currentUser(res)!;
      res.json({ user: rest, csrfToken } satisfies SessionResponse);
    }),
  );
}
