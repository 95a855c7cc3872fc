/**
 * Every key and channel the cluster keeps in Redis, in one place. All start with `ca:`,
 * so one Redis can be shared with other applications (or wiped with `ca:*`).
 */
const PREFIX = 'ca:';

export const keys = {
  /** SET of node ids that announced themselves (a member whose node key expired is dead and dropped). */
  nodes: `${PREFIX}nodes`,
  /** STRING, JSON NodeInfo, PX = 3 heartbeats: the node's heartbeat with its URL and load. */
  node: (nodeId: string) => `${PREFIX}node:${nodeId}`,
  /** STRING node id, PX = 3 heartbeats, refreshed by the owner: which node holds a room. */
  room: (roomId: string) => `${PREFIX}room:${roomId}`,
  /** SET of node ids relaying a stage to its overflow audience, PX = 3 heartbeats, refreshed by the stage's node. */
  overflow: (roomId: string) => `${PREFIX}overflow:${roomId}`,
  /** SET of user ids in a room on that node, PX = 3 heartbeats. */
  presence: (nodeId: string) => `${PREFIX}presence:${nodeId}`,
  /** STRING, JSON KnockInfo[], PX = 3 heartbeats: a room's lobby (who waits), written by the room's node. */
  lobby: (roomId: string) => `${PREFIX}lobby:${roomId}`,
  /** Prefix of the rate limiters' counters (sockets: rate-limiter-flexible; HTTP API: `ca:rl:http:<name>:`, rate-limit-redis). */
  limiter: (name: string) => `${PREFIX}rl:${name}`,
  /** The Redis stream of the Socket.io adapter. */
  stream: `${PREFIX}socket.io`,
  /** Pub/sub channel: `<sender> <boothId>` when a booth's slots changed (bookings, availability). */
  slotsChannel: `${PREFIX}slots`,
  /** Prefix of the adapter's pub/sub channels. */
  channel: `${PREFIX}socket.io`,
} as const;
