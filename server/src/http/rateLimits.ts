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

const refuse = (_req: Request, _res: Response, next: (err: unknown) => void) =>
  next(new AppError(ErrorCode.RateLimited, 'too many requests; please wait a moment and try again'));

/** Limits per IP and, for signed-in users, per account. The counters are in memory on one node. */
export function rateLimits(options: RateLimitOptions): RequestHandler[] {
  const limits: RequestHandler[] = [
    rateLimit({
      windowMs: options.windowMs,
      limit: options.perIp,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, res, next) => refuse(req, res, next),
    }),
  ];
  if (options.perAccount !== undefined) {
    limits.push(
      rateLimit({
        windowMs: options.windowMs,
        limit: options.perAccount,
        standardHeaders: false,
        legacyHeaders: false,
        skip: (_req, res) => !currentUser(res),
        keyGenerator: (_req, res) => `user:${currentUser(res)?.id ?? ''}`,
        handler: (req, res, next) => refuse(req, res, next),
      }),
    );
  }
  if (options.perEmail !== undefined) {
    limits.push(
      rateLimit({
        windowMs: options.windowMs,
        limit: options.perEmail,
        standardHeaders: false,
        legacyHeaders: false,
        skip: (req) => typeof (req.body as { email?: unknown } | undefined)?.email !== 'string',
        keyGenerator: (req) => `email:${String((req.body as { email: string }).email).toLowerCase().slice(0, 254)}`,
        handler: (req, res, next) => refuse(req, res, next),
      }),
    );
  }
  return limits;
}
