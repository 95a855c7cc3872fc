import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode, type Role } from '@ca/signaling';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import type { AuthenticatedUser, AuthService } from '../services/auth.js';

export const SESSION_COOKIE = 'ca_session';

/** The session cookie's value in a raw Cookie header (a socket handshake's), if any. */
export function sessionCookieOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The signed-in user of this request, if any (set by `loadUser`). */
export function currentUser(res: Response): AuthenticatedUser | undefined {
  return res.locals['user'] as AuthenticatedUser | undefined;
}

/** The signed-in user, or 401. With `roles`, 403 unless the user has one of them. */
export function requireUser(res: Response, ...roles: Role[]): AuthenticatedUser {
  const user = currentUser(res);
  if (!user) throw new AppError(ErrorCode.Unauthorized, 'please sign in');
  if (roles.length > 0 && !roles.includes(user.role)) {
    throw new AppError(ErrorCode.Forbidden, `only ${roles.join(' or ')} accounts may do this`);
  }
  return user;
}

/** Resolves the session cookie to a user once per request. */
export function loadUser(auth: AuthService): RequestHandler {
  return (req, res, next) => {
    const token = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    auth.fromSessionToken(token).then((user) => {
      res.locals['user'] = user;
      next();
    }, next);
  };
}

/** Parses with a zod schema at the boundary; failures become BAD_REQUEST with details. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  return schema.parse(value);
}

/** An async route handler whose rejections reach the error handler. */
export function route(handler: (req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch(next);
  };
}

/** A route parameter, length-checked (ids are at most 64 characters). */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw new AppError(ErrorCode.NotFound, 'not found');
  }
  return value;
}
