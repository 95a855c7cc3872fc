import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/http';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';

/** The token of a confirmation link: in the fragment (`#token=…`), which never reaches a server log or a Referer. */
function tokenFrom(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** `/confirm-registration#token=…`: the page a sign-up e-mail links to; opens the account and signs in. */
export function ConfirmRegistrationPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.confirmTitle'));
  const location = useLocation();
  const navigate = useNavigate();
  const { confirmRegistration } = useAuth();
  const token = tokenFrom(location.hash);
  const [problem, setProblem] = useState<'invalid' | 'taken' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(false);

  useEffect(() => {
    // Once per page: the token is single-use (React's development double effects must not spend it twice).
    if (!token || asked.current) return;
    asked.current = true;
    confirmRegistration(token)
      .then(() => navigate('/expo', { replace: true }))
      .catch((err: unknown) => {
        const reason = err instanceof ApiError ? (err.details as { reason?: unknown } | undefined)?.reason : undefined;
        if (reason === 'invalid-token') setProblem('invalid');
        else if (err instanceof ApiError && err.code === 'CONFLICT') setProblem('taken');
        else setError(err);
      });
  }, [token, confirmRegistration, navigate]);

  const message = !token
    ? t('auth.confirmNoToken')
    : problem === 'invalid'
      ? t('auth.confirmInvalid')
      : problem === 'taken'
        ? t('auth.confirmTaken')
        : null;
  return (
    <main id="main" className="page page--auth">
      <div className="card auth-card">
        <h1>{t('auth.confirmTitle')}</h1>
        {message ? (
          <p role="alert" className="alert">
            {message}
          </p>
        ) : error ? (
          <ErrorAlert error={error} showIssues={false} />
        ) : (
          <p role="status">{t('auth.confirming')}</p>
        )}
        <p className="auth-card__switch">
          <Link to="/login">{t('auth.backToSignIn')}</Link>
        </p>
      </div>
    </main>
  );
}
