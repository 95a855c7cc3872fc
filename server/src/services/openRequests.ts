import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { iso } from './clock.js';

/** Limits against slot hoarding: how many unanswered requests a guest may hold, and how long. */
export type BookingLimits = {
  /** Open (requested, unanswered, upcoming) requests one guest may have at one booth. Default 2. */
  openRequestsPerBooth: number;
  /** Open requests one guest may have over all booths. Default 6. */
  openRequestsTotal: number;
  /** An unanswered request expires this many minutes before its slot starts (0: at the start). Default 60. */
  requestExpiryMinutes: number;
};

export const DEFAULT_BOOKING_LIMITS: BookingLimits = { openRequestsPerBooth: 2, openRequestsTotal: 6, requestExpiryMinutes: 60 };

/**
 * Refuses a new request when the guest already holds as many open requests as allowed, at
 * this booth or overall: 409 CONFLICT `too-many-open-requests` with the scope and the limit.
 * Called inside the booking transaction after the booking lock, which serialises the guest's
 * bookings, so parallel requests cannot pass the cap together.
 */
export async function assertMayRequest(tx: Store, request: { guestId: string; boothId: string; now: number; limits: BookingLimits }): Promise<void> {
  const open = await tx.appointments.openRequestsOf(request.guestId, iso(request.now));
  const atBooth = open.filter((row) => row.booth_id === request.boothId).length;
  const { openRequestsPerBooth, openRequestsTotal } = request.limits;
  if (atBooth >= openRequestsPerBooth) throw tooMany('booth', openRequestsPerBooth);
  if (open.length >= openRequestsTotal) throw tooMany('total', openRequestsTotal);
}

function tooMany(scope: 'booth' | 'total', limit: number): AppError {
  const where = scope === 'booth' ? 'at this booth' : 'in all';
  return new AppError(ErrorCode.Conflict, `you already have ${limit} unanswered requests ${where}; wait for an answer or cancel one first`, {
    reason: 'too-many-open-requests',
    scope,
    limit,
  });
}
