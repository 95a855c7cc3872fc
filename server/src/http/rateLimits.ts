import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { currentUser } from './context.js';

export type RateLimitOptions = {
  /** Requests per window per IP. */
  perIp: number;
  /** Requests per window per signed-in account (across IPs). */
  perAccount?: number;
  /** Requests per window per e-mail in the body (sign-in attempts against one account, across IPs). */
  perEmail?: number;
  windowMs: number;
};

type Keyed = { limit: number; key?: (req: Request, res: Response) => string | undefined };

const emailOf = (req: Request) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.toLowerCase().slice(0, 254)}` : undefined;
};

/** One limiter: by IP when `key` is absent, else by the key (requests without a key pass). */
function limiter(windowMs: number, { limit, key }: Keyed): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: key ? false : 'draft-8',
    legacyHeaders: false,
    ...(key && { keyGenerator: (req: Request, res: Response) => key(req, res) ?? '', skip: (req, res) => key(req, res) === undefined }),
    handler: (_req, _res, next) => next(new AppError(ErrorCode.RateLimited, 'too many requests; please wait a moment and try again')),
  });
}

/** Limits per IP, and optionally per signed-in account and per e-mail. Counters are in memory on one node. */
export function rateLimits(options: RateLimitOptions): RequestHandler[] {
  const keyed: Keyed[] = [{ limit: options.perIp }];
  if (options.perAccount !== undefined) {
    keyed.push({ limit: options.perAccount, key: (_req, res) => currentUser(res) && `user:${currentUser(res)!.id}` });
  }
  if (options.perEmail !== undefined) keyed.push({ limit: options.perEmail, key: emailOf });
  return keyed.map((k) => limiter(options.windowMs, k));
}
