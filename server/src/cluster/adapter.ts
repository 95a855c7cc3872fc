import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { keys } from './keys.js';
import type { RedisLink } from './RedisLink.js';

/**
 * The client as the adapter sees it: commands whose promises the adapter drops
 * (pub/sub publishes and subscribes) get a rejection handler, so an outage or a
 * shutdown does not surface as an unhandled rejection; `duplicate()` is replaced.
 */
function guarded(client: Redis, duplicate: () => Redis): Redis {
  const dropped = new Set<PropertyKey>(['publish', 'spublish', 'subscribe', 'ssubscribe']);
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'duplicate') return duplicate;
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!dropped.has(property)) return method.bind(target);
      return (...args: unknown[]) => {
        const result = method.apply(target, args);
        if (result instanceof Promise) result.catch(() => undefined);
        return result;
      };
    },
  });
}

/**
 * The Socket.io adapter over Redis Streams: broadcasts (`io.to(room).emit`) reach the
 * sockets of every node. Chosen over the pub/sub adapter because a stream survives a
 * dropped Redis connection: a node reads on from where it was instead of losing what
 * was published meanwhile.
 *
 * Publishing goes through the link's fail-fast connection: the adapter awaits the
 * publish before it delivers to this node's own sockets, so during an outage the
 * publish must fail at once for local delivery to go on. Reading the stream and the
 * subscriptions get connections that wait for Redis instead (`duplicate()` is what the
 * adapter calls to make them).
 */
export function streamsAdapter(link: RedisLink, blockTimeMs: number): NonNullable<ServerOptions['adapter']> {
  const waiting = (): Redis => guarded(link.waitingConnection('socket.io-adapter'), waiting);
  return createAdapter(guarded(link.client, waiting), {
    streamName: keys.stream,
    channelPrefix: keys.channel,
    blockTimeInMs: blockTimeMs,
  }) as unknown as NonNullable<ServerOptions['adapter']>;
}
