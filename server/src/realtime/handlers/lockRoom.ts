import type { Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Locks the room: nobody but hosts gets in (nor knocks) until unlocked. Host only. */
export const lockRoom: Handler<'lockRoom'> = (ctx, request) => {
  requireHost(ctx).room.policy.setLocked(request.locked);
  return {};
};
