import type { Role } from '@ca/signaling';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../api/auth';
import { Loading } from './Layout';

/** Renders `children` for a signed-in user (of `role`, when given); otherwise sends them to sign in. */
export function RequireAuth({ role, children }: { role?: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signedOut') return <Navigate to="/login" replace state={{ from: location }} />;
  if (role && state.user.role !== role) {
    return (
      <main id="main" className="page page--center">
        <div className="card card--narrow">
          <h1>{t('auth.forbiddenTitle')}</h1>
          <p>{t('auth.forbiddenBody')}</p>
          <Link className="button button--primary" to="/">
            {t('notFound.back')}
          </Link>
        </div>
      </main>
    );
  }
  return children;
}
