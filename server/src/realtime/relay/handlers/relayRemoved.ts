import type { RelayHandler } from '../types.js';

/** An overflow node removed a viewer at the hosts' request: their user stays out of the stage everywhere. */
export const relayRemoved: RelayHandler<'relayRemoved'> = (ctx, request) => {
  const { room } = ctx.connection.relay();
  room.policy.removeUser(request.userId);
  ctx.log.info({ roomId: room.id, userId: request.userId }, 'removed on an overflow node');
  return {};
};
