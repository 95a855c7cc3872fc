import {
  changePasswordRequestSchema,
  passwordResetRequestSchema,
  resetPasswordRequestSchema,
  type EmailSentResponse,
  emailSentResponseSchema,
} from '@ca/signaling';
import { tokenDigest } from '../security/sessionTokens.js';
import type { Services } from '../services/index.js';
import { parse, requireUser, route, SESSION_COOKIE } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';
import { DocumentedRouter } from './apiRegistry.js';

/**
 * POST /api/me/password (change: current password required, other sessions end),
 * POST /api/auth/password-reset/request (an e-mail with a link; the same 202 for every address)
 * and POST /api/auth/password-reset (the link's token and a new password; every session ends).
 */
export function credentialRoutes(services: Services, stores?: LimitStores): DocumentedRouter {
  const api = new DocumentedRouter();
  const { credentials } = services;
  // Few e-mails per address (no mail-bombing someone), few tries per client.
  const requestThrottle = rateLimits({ name: 'reset-request', perIp: 10, perEmail: 3, windowMs: 15 * 60_000, stores });
  const resetThrottle = rateLimits({ name: 'reset', perIp: 20, windowMs: 15 * 60_000, stores, failuresOnly: true });
  const changeThrottle = rateLimits({ name: 'change-password', perIp: 20, perAccount: 5, windowMs: 15 * 60_000, stores, failuresOnly: true });

  api.post(
    '/auth/password-reset/request',
    {
      summary: 'E-mail a password-reset link (the same 202 whether or not the address has an account)',
      body: passwordResetRequestSchema,
      response: emailSentResponseSchema,
      status: 202,
    },
    requestThrottle,
    route((req, res) => {
      const { email } = parse(passwordResetRequestSchema, req.body);
      void credentials.startPasswordReset(email);
      res.status(202).json({ status: 'email-sent' } satisfies EmailSentResponse);
    }),
  );

  api.post(
    '/auth/password-reset',
    { summary: 'Set a new password with the e-mailed token (single use; ends every session)', body: resetPasswordRequestSchema, status: 204 },
    resetThrottle,
    route(async (req, res) => {
      const { token, password } = parse(resetPasswordRequestSchema, req.body);
      await credentials.resetPassword(token, password);
      res.status(204).end();
    }),
  );

  api.post(
    '/me/password',
    { summary: 'Change the password (current one required; ends the other sessions)', body: changePasswordRequestSchema, status: 204 },
    changeThrottle,
    route(async (req, res) => {
      const user = requireUser(res);
      const body = parse(changePasswordRequestSchema, req.body);
      const session = (req.cookies as Record<string, string | undefined>)[SESSION_COOKIE];
      await credentials.changePassword({
        userId: user.id,
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        keepSession: session ? tokenDigest(session) : undefined,
      });
      res.status(204).end();
    }),
  );
  return api;
}
