import { ErrorCode, type SessionInterpreters, type SetSessionInterpreters } from '@ca/signaling';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import { iso, type Clock } from './clock.js';

/**
 * Interpreters of stage sessions, assigned by organizers per language. Their stage ticket lets them
 * speak (into their languages' channels only: the token names them, the SFU checks each channel).
 */
export class StageInterpreterService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async list(sessionId: string): Promise<SessionInterpreters> {
    await this.#session(sessionId);
    const rows = await this.store.agenda.interpreters(sessionId);
    return { interpreters: rows.map((r) => ({ language: r.language, name: r.name, email: r.email })) };
  }

  /**
   * Replaces the session's interpreters. NOT_FOUND for an unknown session; BAD_REQUEST `unknown-account`
   * (with the addresses) when an e-mail address has no account, `duplicate` for the same person twice
   * in one language. Nothing changes on an error.
   */
  async set(sessionId: string, input: SetSessionInterpreters): Promise<SessionInterpreters> {
    await this.#session(sessionId);
    const seen = new Set<string>();
    const rows: Array<{ language: string; user_id: string }> = [];
    const unknown: string[] = [];
    for (const { language, email } of input.interpreters) {
      const user = await this.store.users.byEmail(email);
      if (!user) {
        unknown.push(email);
        continue;
      }
      const key = `${language}\u0000${user.id}`;
      if (seen.has(key)) throw new AppError(ErrorCode.BadRequest, `${email} is listed twice for ${language}`, { reason: 'duplicate' });
      seen.add(key);
      rows.push({ language, user_id: user.id });
    }
    if (unknown.length > 0)
      throw new AppError(ErrorCode.BadRequest, 'no account has these e-mail addresses', { reason: 'unknown-account', emails: unknown });
    await this.store.agenda.setInterpreters(sessionId, rows, iso(this.clock.now()));
    return this.list(sessionId);
  }

  async #session(sessionId: string): Promise<void> {
    if (!(await this.store.agenda.byId(sessionId))) throw new AppError(ErrorCode.NotFound, 'no such session');
  }
}
