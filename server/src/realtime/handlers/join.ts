import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { roomKind } from '../../meeting/roomKinds.js';
import type { Handler } from '../types.js';
import { assertAccepting, identityFor, joinedPayload, openRoom } from './admission.js';

/**
 * Joins a room (created on first join) and returns who is already there; the room's
 * policy says who may (a booth's guests must have been admitted from the lobby).
 * `replaces` (a page reload) takes the place of this participant's previous peer: the
 * checks see someone returning (a lock does not keep them out), then the old peer goes.
 * A refused join leaves nothing behind: a room it opened closes again.
 */
export const join: Handler<'join'> = async (ctx, request) => {
  if (ctx.connection.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  assertAccepting(ctx);
  const identity = await identityFor(ctx, request);
  // A LiveKit stage: the room learns each participant's LiveKit identity (their user id) to match tracks to tiles.
  if (ctx.stageMedia && roomKind(request.roomId) === 'stage') identity.mediaIdentity = identity.userId;
  const { room, done } = await openRoom(ctx, request.roomId, identity.role);
  try {
    const claimed = request.replaces && room.claim(request.replaces.peerId, request.replaces.resumeKey);
    const old = claimed && claimed.userId === identity.userId ? claimed : undefined;
    room.assertMayJoin(identity, { returning: old !== undefined });
    if (ctx.connection.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
    if (ctx.connection.socket.disconnected) throw new AppError(ErrorCode.NotJoined, 'disconnected while joining');
    if (old) {
      const previous = ctx.connections.get(old.id);
      previous?.release();
      previous?.socket.emit('roomClosed', {
        reason: { code: ErrorCode.Conflict, message: 'you joined this meeting again from another tab or device' },
      });
      old.close();
    }
    const peer = room.addPeer(identity);
    ctx.connection.attach(room, peer, ctx.connections);
    if (identity.userId !== undefined) peer.once('close', ctx.presence.enter(identity.userId));
    ctx.log.info({ roomId: room.id, peerId: peer.id, role: identity.role }, 'peer joined');
    // A recorded meeting: a host is recorded, anyone else is asked first (the push follows the ack's state).
    await ctx.recordings?.joined(room, peer);
    return joinedPayload(ctx, room, peer);
  } finally {
    done();
  }
};
