import { ErrorCode } from '@ca/signaling';
import { AppError } from '../../errors.js';
import { roomKind } from '../../meeting/roomKinds.js';
import type { Handler } from '../types.js';
import { assertAccepting, identityFor, openRoom } from './admission.js';

/**
 * A booth visitor asks to come in. The answer arrives later as `knockAnswered`
 * (right away if a host already let this guest in). A dropped socket withdraws it.
 */
export const knock: Handler<'knock'> = async (ctx, request) => {
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  assertAccepting(ctx);
  if (roomKind(request.roomId) !== 'booth') throw new AppError(ErrorCode.Conflict, 'this room has no lobby; join directly');
  const identity = identityFor(ctx, { roomId: request.roomId, displayName: '', token: request.token });
  const userId = identity.userId;
  if (identity.role !== 'guest' || userId === undefined) throw new AppError(ErrorCode.Conflict, 'hosts join directly');
  const room = await openRoom(ctx, request.roomId);
  const { socket } = ctx.session;
  if (room.admitted(userId)) {
    room.assertMayEnter(identity);
    const knockId = 'admitted';
    setImmediate(() => socket.emit('knockAnswered', { knockId, admitted: true }));
    return { knockId };
  }
  let knockId = '';
  knockId = room.knock({ ...identity, userId }, (admitted) => {
    ctx.session.forgetKnock(knockId);
    socket.emit('knockAnswered', { knockId, admitted });
  });
  ctx.session.addKnock(knockId, room);
  ctx.log.info({ roomId: room.id, knockId }, 'guest knocked');
  return { knockId };
};
