import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { currentUser } from './context.js';

/**
 * Where limiters count: a store per limiter, by a name that is the same on every node (a
 * cluster's Redis: `Cluster.httpLimitStore`). Default: in memory, on this node only.
 */
export type LimitStores = (name: string) => Store;

export type RateLimitOptions = {
  /** The limiter's name, unique in the API (its counters' key in a shared store). */
  name: string;
  /** Requests per window per IP. */
  perIp: number;
  /** Requests per window per signed-in account (across IPs). */
  perAccount?: number;
  /** Requests per window per e-mail in the body (sign-in attempts against one account, across IPs). */
  perEmail?: number;
  windowMs: number;
  /** Shared counters; in memory when absent. */
  stores?: LimitStores | undefined;
};

type Keyed = { name: string; limit: number; key?: (req: Request, res: Response) => string | undefined };

const emailOf = (req: Request) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.toLowerCase().slice(0, 254)}` : undefined;
};

/** One limiter: by IP when `key` is absent, else by the key (requests without a key pass). */
function limiter(windowMs: number, { name, limit, key }: Keyed, stores: LimitStores | undefined): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    ...(stores && { store: stores(name) }),
    standardHeaders: key ? false : 'draft-8',
    legacyHeaders: false,
    ...(key && { keyGenerator: (req: Request, res: Response) => key(req, res) ?? '', skip: (req, res) => key(req, res) === undefined }),
    handler: (_req, _res, next) => next(new AppError(ErrorCode.RateLimited, 'too many requests; please wait a moment and try again')),
  });
}

/** Limits per IP, and optionally per signed-in account and per e-mail, counted in `stores` (or in memory). */
export function rateLimits(options: RateLimitOptions): RequestHandler[] {
  const { name } = options;
  const keyed: Keyed[] = [{ name: `${name}:ip`, limit: options.perIp }];
  if (options.perAccount !== undefined) {
    keyed.push({ name: `${name}:user`, limit: options.perAccount, key: (_req, res) => currentUser(res) && `user:${currentUser(res)!.id}` });
  }
  if (options.perEmail !== undefined) keyed.push({ name: `${name}:email`, limit: options.perEmail, key: emailOf });
  return keyed.map((k) => limiter(options.windowMs, k, options.stores));
}
