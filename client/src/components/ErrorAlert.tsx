import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, issuesOf, reasonOf } from '../api/http';

const GENERIC = ['NETWORK', 'RATE_LIMITED', 'INTERNAL', 'UNAVAILABLE', 'BAD_RESPONSE', 'UNAUTHORIZED'] as const;
type Generic = (typeof GENERIC)[number];
const isGeneric = (code: string): code is Generic => (GENERIC as readonly string[]).includes(code);

/**
 * One sentence for a failed request: a translated one for failures that are not about the
 * input (offline, throttled, server trouble, signed out) and for the known 409 reasons;
 * otherwise the server's own message, which says exactly what was wrong.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('errors.INTERNAL');
      const reason = reasonOf(error);
      if (reason === 'taken') return t('errors.taken');
      if (reason === 'guest-busy') return t('errors.guestBusy');
      if (reason === 'lost-race') return t('errors.lostRace');
      if (reason === 'too-many-open-requests') {
        const { scope, limit } = (error.details ?? {}) as { scope?: string; limit?: number };
        return scope === 'booth' ? t('errors.tooManyOpenRequestsBooth', { limit }) : t('errors.tooManyOpenRequestsTotal', { limit });
      }
      if (isGeneric(error.code)) return t(`errors.${error.code}`);
      const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
      return /[.!?]$/.test(message) ? message : `${message}.`;
    },
    [t],
  );
}

/** A failed request as an alert, with the server's list of problems when it sent one. */
type ErrorAlertProps = {
  error: unknown;
  showIssues?: boolean;
  /** Rewrites the server's paths ("weekly.1") into words the user recognises. */
  describe?: (text: string) => string;
};

export function ErrorAlert({ error, showIssues = true, describe = (text) => text }: ErrorAlertProps) {
  const text = useErrorText();
  if (error === null || error === undefined) return null;
  const issues = showIssues ? issuesOf(error) : [];
  return (
    <div role="alert" className="alert">
      <p>{text(error)}</p>
      {issues.length > 0 && (
        <ul className="alert__list">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? <strong>{describe(issue.path)}:</strong> : null} {describe(issue.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
