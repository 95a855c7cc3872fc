import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { CSRF_HEADER, ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { currentUser } from './context.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated writes must carry the session's CSRF token in `X-CSRF-Token`
 * (returned by login, register and GET /api/me). A cross-site form cannot read it.
 * SameSite=Lax on the cookie is the second line.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  const user = currentUser(res);
  if (SAFE.has(req.method) || !user) {
    next();
    return;
  }
  const given = Buffer.from(String(req.get(CSRF_HEADER) ?? ''));
  const expected = Buffer.from(user.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    next(new AppError(ErrorCode.Forbidden, 'missing or wrong CSRF token', { header: CSRF_HEADER }));
    return;
  }
  next();
};
