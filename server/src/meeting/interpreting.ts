import { ErrorCode, type ParticipantRole } from '@ca/signaling';
import { AppError } from '../errors.js';

type Who = {
  role: ParticipantRole;
  /** Undefined in demo rooms (no accounts): anyone there may try interpreting. */
  userId: string | undefined;
  /** Languages this participant was assigned to interpret into (their meeting token says so). */
  interprets: readonly string[];
};

/**
 * Who may speak into an interpretation channel: an assigned interpreter, into the languages they
 * were assigned and no other; a host (booth staff, stage moderator) who was not assigned any, into
 * any language (they stand in); nobody else. Demo rooms have no assignments: anyone may.
 * FORBIDDEN otherwise, with `reason` `not-assigned-language` or `not-an-interpreter`.
 */
export function assertMayInterpret(who: Who, language: string): void {
  if (who.userId === undefined) return;
  if (who.interprets.length > 0) {
    if (who.interprets.includes(language)) return;
    throw new AppError(ErrorCode.Forbidden, `you interpret into ${who.interprets.join(', ')}, not ${language}`, {
      reason: 'not-assigned-language',
      assigned: [...who.interprets],
    });
  }
  if (who.role === 'host') return;
  throw new AppError(ErrorCode.Forbidden, 'only an assigned interpreter or a host can open an interpretation channel', {
    reason: 'not-an-interpreter',
  });
}
