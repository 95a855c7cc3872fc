import { ErrorCode, type RtpCapabilitiesWire } from '@ca/signaling';
import { AppError } from '../../errors.js';
import type { Handler } from '../types.js';

/** Joins a room (created on first join) and returns who is already there. */
export const join: Handler<'join'> = async (ctx, request) => {
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  // A room closes when its last participant leaves; if that raced with this join, take the fresh one.
  let room = await ctx.rooms.getOrCreate(request.roomId);
  if (room.closed) room = await ctx.rooms.getOrCreate(request.roomId);
  if (ctx.session.joined) throw new AppError(ErrorCode.AlreadyJoined, 'this connection already joined a room');
  if (ctx.session.socket.disconnected) throw new AppError(ErrorCode.NotJoined, 'disconnected while joining');
  const others = room.peerInfos();
  const peer = room.addPeer({ displayName: request.displayName });
  ctx.session.attach(room, peer);
  ctx.log.info({ roomId: room.id, peerId: peer.id }, 'peer joined');
  return {
    peerId: peer.id,
    roomId: room.id,
    routerRtpCapabilities: room.router.rtpCapabilities as RtpCapabilitiesWire,
    peers: others,
  };
};
