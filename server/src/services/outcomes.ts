import { decideOutcome, HOUR, MINUTE } from '../domain/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import type { AttendanceService } from './attendance.js';
import { iso, type Clock } from './clock.js';

export type OutcomeOptions = {
  /** Minutes after the start by which both sides must have joined, else no-show. Default 10 (NO_SHOW_AFTER_MINUTES). */
  noShowAfterMinutes: number;
};

/**
 * Sets confirmed appointments' outcomes from attendance: `no_show` (with who was missing) once a
 * side has not joined `noShowAfterMinutes` after the start, `completed` once a meeting both attended
 * is over. Looks back a day, so a server that was down catches up. The update only takes a row
 * still `confirmed`: a staff decision made meanwhile wins, and several nodes scanning agree.
 */
export class OutcomeService {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly attendance: AttendanceService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutcomeOptions,
  ) {}

  /** Scans every `intervalMs` until stopped. */
  start(intervalMs = 30_000): void {
    const tick = () => void this.runOnce().catch((err: unknown) => this.log.error({ err }, 'outcome scan failed'));
    this.#timer = setInterval(tick, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  /** Decides every outcome that is due now; returns how many appointments changed. */
  async runOnce(): Promise<number> {
    await this.attendance.settled();
    const now = this.clock.now();
    const noShowAfterMs = this.options.noShowAfterMinutes * MINUTE;
    const rows = await this.store.appointments.confirmedStartedBetween(iso(now - 24 * HOUR), iso(now - noShowAfterMs + 1));
    let changed = 0;
    for (const row of rows) {
      const sides = await this.attendance.sides(row);
      const joinedAt = (side: typeof sides.guest) => (side ? Date.parse(side.first_join_at) : undefined);
      const outcome = decideOutcome({
        start: Date.parse(row.start_at),
        end: Date.parse(row.end_at),
        now,
        noShowAfterMs,
        guestJoinedAt: joinedAt(sides.guest),
        staffJoinedAt: joinedAt(sides.staff),
      });
      if (!outcome) continue;
      const set = await this.store.appointments.decideIfConfirmed(row.id, {
        status: outcome.status,
        missing_party: outcome.missing,
        outcome_by: 'attendance',
        updated_at: iso(now),
      });
      if (set) this.log.info({ appointmentId: row.id, ...outcome }, 'appointment outcome from attendance');
      if (set) changed += 1;
    }
    return changed;
  }
}
