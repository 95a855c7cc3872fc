import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../api/auth';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../../components/usePageTitle';

/** `/account-deleted`: where a guest lands after deleting their account. */
export function AccountDeletedPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.deletedTitle'));
  const { signOut } = useAuth();
  // The server already ended the session; this forgets it here too.
  useEffect(() => void signOut().catch(() => undefined), [signOut]);
  return (
    <main id="main" className="page page--auth">
      <div className="card auth-card">
        <h1>{t('account.deletedTitle')}</h1>
        <p>{t('account.deletedBody')}</p>
        <Link to="/">{t('ended.home')}</Link>
      </div>
    </main>
  );
}
