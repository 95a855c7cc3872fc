import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/http';
import { useAuth } from '../../api/auth';
import { useErrorText } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/usePageTitle';
import { returnTarget } from './returnTo';

/** `/login`: email and password; afterwards back to where the visitor came from. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.signInTitle'));
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = returnTarget(location.state);

  if (state.status === 'signedIn' && !busy) return <Navigate to={target.to} state={target.state} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(t('auth.missingCredentials'));
      return;
    }
    setBusy(true);
    setError(null);
    signIn(email.trim(), password)
      .then(() => navigate(target.to, { state: target.state, replace: true }))
      .catch((err: unknown) => {
        setBusy(false);
        const wrong = err instanceof ApiError && (err.status === 401 || err.code === 'BAD_REQUEST');
        setError(wrong ? t('auth.wrongCredentials') : errorText(err));
      });
  };

  return (
    <main id="main" className="page page--auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>{t('auth.signInTitle')}</h1>
        <p className="muted">{t('auth.signInIntro')}</p>
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
        <TextField label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t('auth.signIn')}
        </button>
        <p className="auth-card__switch">
          <Link to="/forgot-password">{t('auth.forgotPasswordLink')}</Link>
        </p>
        <p className="auth-card__switch">
          {t('auth.noAccount')}{' '}
          <Link to="/register" state={location.state}>
            {t('auth.createAccountLink')}
          </Link>
        </p>
      </form>
    </main>
  );
}
