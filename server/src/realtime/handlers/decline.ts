import type { Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Turns a waiting guest away (they get `knockAnswered` with admitted false). Host only. */
export const decline: Handler<'decline'> = (ctx, request) => {
  requireHost(ctx).room.decline(request.knockId);
  return {};
};
