import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { roomKind } from '../../meeting/roomKinds.js';
import type { Handler } from '../types.js';
import { assertAccepting, identityFor, joinedPayload, openRoom } from './admission.js';

/**
 * Joins a room (created on first join) and returns who is already there. A booth
 * room's guests must have been admitted from the lobby (LOBBY_REQUIRED: knock first).
 * `replaces` removes this participant's previous peer (a page reload) first.
 */
export const join: Handler<'join'> = async (ctx, request) => {
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  assertAccepting(ctx);
  const identity = identityFor(ctx, request);
  const room = await openRoom(ctx, request.roomId);
  if (request.replaces) {
    const old = room.claim(request.replaces.peerId, request.replaces.resumeKey);
    if (old) {
      ctx.sessions.get(old.id)?.release();
      old.close();
    }
  }
  room.assertMayEnter(identity);
  if (roomKind(room.id) === 'booth' && identity.role === 'guest' && !room.admitted(identity.userId ?? '')) {
    throw new AppError(ErrorCode.LobbyRequired, 'knock and wait for the booth staff to let you in');
  }
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  if (ctx.session.socket.disconnected) throw new AppError(ErrorCode.NotJoined, 'disconnected while joining');
  const peer = room.addPeer(identity);
  ctx.session.attach(room, peer, ctx.sessions);
  if (identity.userId !== undefined) peer.once('close', ctx.presence.enter(identity.userId));
  ctx.log.info({ roomId: room.id, peerId: peer.id, role: identity.role }, 'peer joined');
  return joinedPayload(ctx, room, peer);
};
