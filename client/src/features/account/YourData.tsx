import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../api/auth';
import { endpoints } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';

/**
 * A guest's own data: download everything kept about them (JSON), or delete the account with the
 * password again, choosing whether the contact cards they shared stay with the booths.
 */
export function YourData() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const headingId = useId();
  const [password, setPassword] = useState('');
  const [keepCards, setKeepCards] = useState(false);
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password || !sure) return;
    setBusy(true);
    setWrong(false);
    setError(null);
    endpoints
      .deleteAccount({ password, keepContactCards: keepCards })
      // Away from this signed-in page first (the next page signs the browser out), so the guest is not sent to the sign-in page.
      .then(() => navigate('/account-deleted', { replace: true }))
      .catch((err: unknown) => {
        const reason = err instanceof ApiError ? (err.details as { reason?: unknown } | undefined)?.reason : undefined;
        if (reason === 'wrong-password') setWrong(true);
        else setError(err);
        setBusy(false);
      });
  };

  return (
    <section className="card auth-card your-data" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.dataTitle')}</h2>
      <p className="muted">{t('account.exportIntro')}</p>
      <a className="button button--quiet" href={endpoints.exportUrl} download>
        {t('account.export')}
      </a>
      {user?.role === 'guest' ? (
        <details>
          <summary>{t('account.deleteTitle')}</summary>
          <form onSubmit={submit} noValidate className="your-data__delete">
            <p>{t('account.deleteIntro')}</p>
            <label className="checkbox">
              <input type="checkbox" checked={keepCards} onChange={(e) => setKeepCards(e.target.checked)} />
              {t('account.keepCards')}
            </label>
            <TextField
              label={t('account.deletePassword')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={wrong ? t('account.wrongCurrentPassword') : undefined}
              required
            />
            <label className="checkbox">
              <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} />
              {t('account.deleteSure')}
            </label>
            <ErrorAlert error={error} showIssues={false} />
            <button type="submit" className="button button--danger-quiet" disabled={busy || !password || !sure}>
              {t('account.delete')}
            </button>
          </form>
        </details>
      ) : (
        <p className="muted">{t('account.deleteByOrganizers')}</p>
      )}
    </section>
  );
}
