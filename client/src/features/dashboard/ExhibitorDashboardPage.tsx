import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../api/auth';
import { queries } from '../../api/queries';
import { usePageTitle } from '../../components/usePageTitle';
import { BoothDashboard } from './BoothDashboard';

/** `/exhibitor/dashboard`: the numbers of each booth the signed-in staff member works at. */
export function ExhibitorDashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const { user } = useAuth();
  const boothIds = user?.boothIds ?? [];
  const booths = useQueries({ queries: boothIds.map((id) => queries.booth(id)) });
  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/exhibitor">{t('nav.exhibitor')}</Link>
        </p>
        <h1>{t('dashboard.title')}</h1>
      </header>
      {boothIds.length === 0 && <p className="empty">{t('dashboard.noBooth')}</p>}
      {boothIds.map((id, i) => (
        <BoothDashboard key={id} boothId={id} boothName={booths[i]?.data?.organisation} />
      ))}
    </main>
  );
}
