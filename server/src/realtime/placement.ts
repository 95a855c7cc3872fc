import type { ParticipantRole } from '@ca/signaling';

/**
 * Where this node serves a request for a room: as the room's own node, or (a stage
 * full on its own node) as an overflow node that relays the stage to more viewers.
 */
export type Where = 'here' | 'overflow';

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
   * `resume` (intent 'resume': only an existing room) of a room, by someone of `role` (open).
   * Resolves when this node should serve the request, saying how; throws ROOM_ELSEWHERE
   * `{ url, nodeId }` when another live node holds the room (or, for a stage's audience
   * once its node is full, relays it), UNAVAILABLE when the placement cannot be decided.
   */
  route(roomId: string, intent: 'open' | 'resume', role?: ParticipantRole): Promise<Where>;
  /** Origins of the other nodes (their public URLs): pages they served may open a socket here. */
  peerOrigins(): readonly string[];
}

/** One node: every room is here. */
export const localPlacement: RoomPlacement = {
  route: () => Promise.resolve('here'),
  peerOrigins: () => [],
};
