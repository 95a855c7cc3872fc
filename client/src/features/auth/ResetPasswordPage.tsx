import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/usePageTitle';

/** The token of a reset link: in the fragment (`#token=…`), which browsers never send to a server or in a Referer. */
function tokenFrom(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** `/reset-password#token=…`: the page a reset e-mail links to; sets a new password once. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.resetTitle'));
  const location = useLocation();
  const token = useMemo(() => tokenFrom(location.hash), [location.hash]);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    if (password.length < 10) {
      setPasswordError(t('auth.passwordHint'));
      return;
    }
    setPasswordError(undefined);
    setBusy(true);
    setError(null);
    endpoints
      .resetPassword({ token, password })
      .then(() => setDone(true))
      .catch((err: unknown) => {
        const reason = err instanceof ApiError ? (err.details as { reason?: unknown } | undefined)?.reason : undefined;
        if (reason === 'invalid-token') setInvalid(true);
        else setError(err);
      })
      .finally(() => setBusy(false));
  };

  const message = done ? t('auth.resetDone') : invalid ? t('auth.resetInvalid') : !token ? t('auth.resetNoToken') : undefined;
  return (
    <main id="main" className="page page--auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>{t('auth.resetTitle')}</h1>
        {message ? (
          <p role={done ? 'status' : 'alert'} className={done ? undefined : 'alert'}>
            {message}
          </p>
        ) : (
          <>
            <ErrorAlert error={error} showIssues={false} />
            <TextField
              label={t('auth.newPassword')}
              type="password"
              autoComplete="new-password"
              hint={t('auth.passwordHint')}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={passwordError}
              required
            />
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t('auth.setNewPassword')}
            </button>
          </>
        )}
        <p className="auth-card__switch">
          {done ? <Link to="/login">{t('auth.backToSignIn')}</Link> : <Link to="/forgot-password">{t('auth.askAgain')}</Link>}
        </p>
      </form>
    </main>
  );
}
