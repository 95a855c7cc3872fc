import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { roomKind } from '../../meeting/roomKinds.js';
import { knockKey } from '../lobbyLine.js';
import type { Handler } from '../types.js';
import { assertAccepting, identityFor, openRoom } from './admission.js';

/**
 * A booth visitor asks to come in. The answer arrives later as `knockAnswered`
 * (right away if a host already let this guest in). A dropped socket withdraws it.
 */
export const knock: Handler<'knock'> = async (ctx, request) => {
  if (ctx.connection.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  assertAccepting(ctx);
  if (roomKind(request.roomId) !== 'booth') throw new AppError(ErrorCode.Conflict, 'this room has no lobby; join directly');
  const identity = await identityFor(ctx, { roomId: request.roomId, displayName: '', token: request.token });
  const userId = identity.userId;
  if (identity.role !== 'guest' || userId === undefined) throw new AppError(ErrorCode.Conflict, 'hosts join directly');
  const { room, done } = await openRoom(ctx, request.roomId, identity.role);
  try {
    const { socket } = ctx.connection;
    // Gone while the room opened: its disconnect already withdrew its knocks, so add none.
    if (socket.disconnected) throw new AppError(ErrorCode.NotJoined, 'disconnected while knocking');
    if (room.policy.admitted(userId)) {
      room.assertMayEnter(identity);
      const knockId = 'admitted';
      setImmediate(() => socket.emit('knockAnswered', { knockId, admitted: true }));
      return { knockId };
    }
    let knockId = '';
    const answer = (admitted: boolean) => {
      ctx.connection.forgetKnock(knockId);
      void socket.leave(knockKey(knockId));
      socket.emit('knockAnswered', { knockId, admitted });
    };
    knockId = room.knock({ ...identity, userId }, answer);
    // Its place in line reaches every tab waiting on this knock (lobbyLine).
    void socket.join(knockKey(knockId));
    ctx.connection.addKnock(knockId, room, answer);
    ctx.log.info({ roomId: room.id, knockId }, 'guest knocked');
    return { knockId };
  } finally {
    done();
  }
};
