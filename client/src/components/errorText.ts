import type { Issue } from '@ca/signaling';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

/** Codes with wording of their own for a failed page request (the rest say what `reasons` says in the meeting). */
const REST_CODES = [
  'NETWORK',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
  'BAD_RESPONSE',
  'UNAUTHORIZED',
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
] as const;
type RestCode = (typeof REST_CODES)[number];
const isRestCode = (code: string): code is RestCode => (REST_CODES as readonly string[]).includes(code);

/** The server's `details.reason` values that have a sentence of their own. */
const REASONS = {
  taken: 'errors.taken',
  'guest-busy': 'errors.guestBusy',
  'not-offered': 'errors.notOffered',
  'email-taken': 'errors.emailTaken',
  'lost-race': 'errors.lostRace',
  'slots-available': 'errors.slotsAvailable',
  'no-offer': 'errors.noOffer',
} as const;

function reasonOf(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null || !('reason' in details)) return undefined;
  return typeof details.reason === 'string' ? details.reason : undefined;
}

/**
 * One sentence in the user's language for a failed request, from its stable `code` and
 * `details` only, never from the server's English `message`: a known reason first, then the
 * code's own sentence, then a generic one.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.INTERNAL');
  const reason = reasonOf(error.details);
  if (reason === 'too-many-open-requests') {
    const { scope, limit } = (error.details ?? {}) as { scope?: string; limit?: number };
    return scope === 'booth' ? t('errors.tooManyOpenRequestsBooth', { limit }) : t('errors.tooManyOpenRequestsTotal', { limit });
  }
  if (reason && reason in REASONS) return t(REASONS[reason as keyof typeof REASONS]);
  if (isRestCode(error.code)) return t(`errors.${error.code}`);
  if (t(`reasons.${error.code}`, { defaultValue: '' })) return t(`reasons.${error.code}`);
  return t('errors.INTERNAL');
}

/** What is wrong with one field, in the user's language, from the issue's `code` and bounds. */
export function issueText(t: TFunction, issue: Partial<Issue>): string {
  const bounds = { minimum: issue.minimum, maximum: issue.maximum };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? t('issues.required') : t('issues.tooShort', bounds);
      return issue.origin === 'array' || issue.origin === 'set' ? t('issues.tooFew', bounds) : t('issues.tooSmall', bounds);
    case 'too_big':
      if (issue.origin === 'string') return t('issues.tooLong', bounds);
      return issue.origin === 'array' || issue.origin === 'set' ? t('issues.tooMany', bounds) : t('issues.tooBig', bounds);
    case 'invalid_format':
      return t('issues.format');
    case 'invalid_value':
      return t('issues.choice');
    case 'range':
      return t('issues.range', bounds);
    case 'required':
    case 'order':
    case 'future':
    case 'duplicate':
    case 'time':
    case 'weekday':
    case 'date':
    case 'zone':
    case 'instant':
    case 'overlap':
      return t(`issues.${issue.code}`);
    default:
      return t('issues.invalid');
  }
}
