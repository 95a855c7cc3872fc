import type { Handler } from '../types.js';
import { requireHost } from './admission.js';

/** Lets a waiting guest in (they get `knockAnswered` and join). */
export const admit: Handler<'admit'> = (ctx, request) => {
  requireHost(ctx).room.policy.admit(request.knockId);
  return {};
};
