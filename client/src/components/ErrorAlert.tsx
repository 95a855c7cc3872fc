import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf } from '../api/http';
import { errorText, issueText } from './errorText';

/**
 * One sentence for a failed request in the user's language, from the error's code and
 * details (never the server's English message): see `errorText`.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback((error: unknown) => errorText(t, error), [t]);
}

/** A failed request as an alert, with the server's list of problems (translated) when it sent one. */
type ErrorAlertProps = {
  error: unknown;
  showIssues?: boolean;
  /** Rewrites the server's paths ("weekly.1") into words the user recognises. */
  describe?: (text: string) => string;
};

export function ErrorAlert({ error, showIssues = true, describe = (text) => text }: ErrorAlertProps) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (error === null || error === undefined) return null;
  const issues = showIssues ? issuesOf(error) : [];
  return (
    <div role="alert" className="alert">
      <p>{text(error)}</p>
      {issues.length > 0 && (
        <ul className="alert__list">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.code ?? issue.message}`}>
              {issue.path ? <strong>{describe(issue.path)}:</strong> : null} {issueText(t, issue)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
