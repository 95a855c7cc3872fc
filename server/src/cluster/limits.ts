import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { CHAT_MESSAGES_PER_10S } from '../realtime/limits.js';
import type { RealtimeLimits } from '../realtime/types.js';
import { keys } from './keys.js';
import type { RedisLink } from './RedisLink.js';

/**
 * Socket limits counted in Redis, so a participant who moves between nodes keeps one
 * budget. While Redis is unreachable each node counts in memory instead (the insurance
 * limiter): limits still hold, per node.
 */
export function redisLimits(link: RedisLink, requestsPerSecond: number): RealtimeLimits {
  const limiter = (name: string, points: number, duration: number) =>
    new RateLimiterRedis({
      storeClient: link.client,
      keyPrefix: keys.limiter(name),
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration }),
    });
  return {
    requests: limiter('requests', requestsPerSecond, 1),
    chat: limiter('chat', CHAT_MESSAGES_PER_10S, 10),
  };
}
