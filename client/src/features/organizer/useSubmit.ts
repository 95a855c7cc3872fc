import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesOf } from '../../api/http';
import { issueText } from '../../components/errorText';

export type SubmitState = {
  busy: boolean;
  error: unknown;
  /** The success message of the last run, until the next one starts. */
  done: string | null;
  /** The server's issues, in the user's language, by the first segment of their path ("email", "hallId", …). */
  fieldErrors: Record<string, string>;
  run: <T>(action: () => Promise<T>, onSuccess: (result: T) => string) => void;
};

/** Busy, error and success state of one form's submission. */
export function useSubmit(): SubmitState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { t } = useTranslation();
  const run = useCallback(
    <T>(action: () => Promise<T>, onSuccess: (result: T) => string) => {
      setBusy(true);
      setError(null);
      setDone(null);
      setFieldErrors({});
      action()
        .then((result) => setDone(onSuccess(result)))
        .catch((err: unknown) => {
          setError(err);
          const byField: Record<string, string> = {};
          for (const issue of issuesOf(err)) {
            const field = issue.path.split('.')[0] ?? '';
            const text = issueText(t, issue);
            byField[field] = byField[field] ? `${byField[field]} ${text}` : text;
          }
          setFieldErrors(byField);
        })
        .finally(() => setBusy(false));
    },
    [t],
  );
  return { busy, error, done, fieldErrors, run };
}

/** "a, b ,, c" → ["a", "b", "c"] */
export const splitList = (text: string) =>
  text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
