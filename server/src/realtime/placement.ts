/**
 * Where a meeting room lives. On one node every room is here. With several nodes
 * (`cluster/RedisPlacement`), each room lives on one node's media workers and a
 * request for it on another node is answered ROOM_ELSEWHERE with the node's URL:
 * media must reach that node's transports anyway, so the client moves its signaling
 * there instead of this node proxying it.
 */
export interface RoomPlacement {
  /**
   * Called before `join`, `knock` (intent 'open': the room may be created here) and
   * `resume` (intent 'resume': only an existing room) of a room. Resolves when this
   * node should serve the request; throws ROOM_ELSEWHERE `{ url, nodeId }` when another
   * live node holds the room, UNAVAILABLE when the placement cannot be decided.
   */
  route(roomId: string, intent: 'open' | 'resume'): Promise<void>;
  /** Origins of the other nodes (their public URLs): pages they served may open a socket here. */
  peerOrigins(): readonly string[];
}

/** One node: every room is here. */
export const localPlacement: RoomPlacement = {
  route: () => Promise.resolve(),
  peerOrigins: () => [],
};
