import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/usePageTitle';
import { YourData } from './YourData';

/** `/account`: the signed-in user's account; changing the password ends every other sign-in. */
export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const { user } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string }>({});
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = { ...(!current && { current: t('auth.missingCredentials') }), ...(next.length < 10 && { next: t('auth.passwordHint') }) };
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    setChanged(false);
    endpoints
      .changePassword({ currentPassword: current, newPassword: next })
      .then(() => {
        setChanged(true);
        setCurrent('');
        setNext('');
      })
      .catch((err: unknown) => {
        const reason = err instanceof ApiError ? (err.details as { reason?: unknown } | undefined)?.reason : undefined;
        if (reason === 'wrong-password') setErrors({ current: t('account.wrongCurrentPassword') });
        else setError(err);
      })
      .finally(() => setBusy(false));
  };

  return (
    <main id="main" className="page page--auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>{t('account.title')}</h1>
        {user && <p className="muted">{user.email}</p>}
        <h2>{t('account.changePasswordTitle')}</h2>
        <p className="muted">{t('account.changePasswordIntro')}</p>
        {changed && <p role="status">{t('account.passwordChanged')}</p>}
        <ErrorAlert error={error} showIssues={false} />
        <TextField
          label={t('account.currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.current}
          required
        />
        <TextField
          label={t('account.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordHint')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errors.next}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t('account.changePassword')}
        </button>
      </form>
      <YourData />
    </main>
  );
}
