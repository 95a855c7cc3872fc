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
  /** Count failed requests only (answered 4xx/5xx): a success gives its count back. Default false. */
  failuresOnly?: boolean;
  /**
   * Requests from a device the account signed in from before (`key` answers its id, else
   * undefined) skip the per-IP and per-e-mail limits, so strangers' failures never lock the
   * owner out, and get `limit` per window per device instead.
   */
  trustedDevice?: { key: (req: Request, res: Response) => string | undefined; limit: number };
};

type Key = (req: Request, res: Response) => string | undefined;
type Keyed = { name: string; limit: number; key?: Key; skip?: (req: Request, res: Response) => boolean };

const emailOf = (req: Request) => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.toLowerCase().slice(0, 254)}` : undefined;
};

/** One limiter: by IP when `key` is absent, else by the key (requests without a key pass). */
function limiter(options: RateLimitOptions, { name, limit, key, skip }: Keyed): RequestHandler {
  const { stores } = options;
  return rateLimit({
    windowMs: options.windowMs,
    limit,
    ...(stores && { store: stores(name) }),
    standardHeaders: key ? false : 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: options.failuresOnly ?? false,
    // Which proxies may name the client is TRUST_PROXY's decision (req.ip), not a warning's.
    validate: { trustProxy: false, xForwardedForHeader: false },
    ...(key && { keyGenerator: (req: Request, res: Response) => key(req, res) ?? '' }),
    skip: (req, res) => (key !== undefined && key(req, res) === undefined) || (skip?.(req, res) ?? false),
    handler: (_req, _res, next) => next(new AppError(ErrorCode.RateLimited, 'too many requests; please wait a moment and try again')),
  });
}

/** Limits per IP, and optionally per signed-in account and per e-mail, counted in `stores` (or in memory). */
export function rateLimits(options: RateLimitOptions): RequestHandler[] {
  const { name, trustedDevice } = options;
  const trusted = trustedDevice && ((req: Request, res: Response) => trustedDevice.key(req, res) !== undefined);
  const keyed: Keyed[] = [{ name: `${name}:ip`, limit: options.perIp, ...(trusted && { skip: trusted }) }];
  if (options.perAccount !== undefined) {
    keyed.push({ name: `${name}:user`, limit: options.perAccount, key: (_req, res) => currentUser(res) && `user:${currentUser(res)!.id}` });
  }
  if (options.perEmail !== undefined) keyed.push({ name: `${name}:email`, limit: options.perEmail, key: emailOf, ...(trusted && { skip: trusted }) });
  if (trustedDevice) {
    keyed.push({
      name: `${name}:device`,
      limit: trustedDevice.limit,
      key: (req, res) => trustedDevice.key(req, res) && `device:${trustedDevice.key(req, res)}`,
    });
  }
  return keyed.map((k) => limiter(options, k));
}
