import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/usePageTitle';

/** `/forgot-password`: asks for a reset e-mail. The answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.forgotTitle'));
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setEmailError(t('auth.emailInvalid'));
      return;
    }
    setEmailError(undefined);
    setBusy(true);
    setError(null);
    endpoints
      .requestPasswordReset({ email: email.trim() })
      .then(() => setSent(true))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <main id="main" className="page page--auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>{t('auth.forgotTitle')}</h1>
        {sent ? (
          <p role="status">{t('auth.resetSent')}</p>
        ) : (
          <>
            <p className="muted">{t('auth.forgotIntro')}</p>
            <ErrorAlert error={error} showIssues={false} />
            <TextField
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={emailError}
              required
            />
            <button type="submit" className="button button--primary button--block" disabled={busy}>
              {t('auth.sendResetLink')}
            </button>
          </>
        )}
        <p className="auth-card__switch">
          <Link to="/login">{t('auth.backToSignIn')}</Link>
        </p>
      </form>
    </main>
  );
}
