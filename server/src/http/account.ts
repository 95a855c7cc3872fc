import { accountExportSchema, deleteAccountRequestSchema } from '@ca/signaling';
import type { Services } from '../services/index.js';
import { DocumentedRouter } from './apiRegistry.js';
import { parse, requireUser, route, SESSION_COOKIE } from './context.js';
import { rateLimits, type LimitStores } from './rateLimits.js';

/** A guest's own data: download it all, or delete the account. */
export function accountRoutes(services: Services, stores?: LimitStores): DocumentedRouter {
  const api = new DocumentedRouter();
  const { account } = services;
  api.get(
    '/me/export',
    { summary: 'Everything kept about me, as a JSON download', response: accountExportSchema },
    route(async (_req, res) => {
      const user = requireUser(res);
      res.attachment('cloud-appointment-my-data.json').json(await account.export(user));
    }),
  );
  api.delete(
    '/me',
    {
      summary: 'Delete my account (password again): anonymised, sessions ended, future meetings cancelled, contact cards withdrawn unless kept',
      body: deleteAccountRequestSchema,
      status: 204,
    },
    // Wrong passwords count like failed sign-ins (a stolen session cannot guess its way to a deletion).
    rateLimits({ name: 'delete-account', perIp: 20, perAccount: 5, windowMs: 60_000, stores, failuresOnly: true }),
    route(async (req, res) => {
      const user = requireUser(res);
      const request = parse(deleteAccountRequestSchema, req.body);
      await account.delete(user, request);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    }),
  );
  return api;
}
