import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { RealtimeLimits } from './types.js';

/** Chat messages one participant may send per 10 s. */
export const CHAT_MESSAGES_PER_10S = 10;
/** Quality reports one participant may send per 10 s (the client sends one every 5 s). */
export const STATS_REPORTS_PER_10S = 4;

/** In-process limiters (one node). Several nodes may pass Redis-backed ones with the same interface. */
export function memoryLimits(requestsPerSecond: number): RealtimeLimits {
  return {
    requests: new RateLimiterMemory({ points: requestsPerSecond, duration: 1 }),
    chat: new RateLimiterMemory({ points: CHAT_MESSAGES_PER_10S, duration: 10 }),
    stats: new RateLimiterMemory({ points: STATS_REPORTS_PER_10S, duration: 10 }),
  };
}

/** Takes one point for `key`; throws RATE_LIMITED (with retryAfterMs) when none is left. */
export async function consumePoint(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new AppError(ErrorCode.RateLimited, `too many ${what}; slow down`, { retryAfterMs: error.msBeforeNext });
    }
    throw error;
  }
}
