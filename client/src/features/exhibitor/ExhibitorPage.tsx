import { useQueries, useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { AppointmentList } from '../appointments/AppointmentsPage';
import { isActive, useAppointments } from '../appointments/useAppointments';
import { AvailabilityEditor } from './AvailabilityEditor';
import { LeadsSection } from './LeadsSection';

/** `/exhibitor`: requests to answer, the meetings ahead, and when the user can be booked. */
export function ExhibitorPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.exhibitor'));
  const { user } = useAuth();
  const { appointments, error, update } = useAppointments();
  const staff = useQuery(queries.myStaff());
  const boothQueries = useQueries({ queries: (user?.boothIds ?? []).map((id) => queries.booth(id)) });
  const booths = { data: boothQueries.map((q) => q.data) };
  const mine = (appointments ?? []).filter((a) => a.guest.id !== user?.id);
  const requests = mine.filter((a) => a.status === 'requested' && isActive(a));
  const upcoming = mine.filter((a) => a.status === 'confirmed' && isActive(a));
  const boothName = (id: string) => booths.data?.find((b) => b?.id === id)?.organisation;

  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <p className="eyebrow">{t('nav.exhibitor')}</p>
        <h1>{t('exhibitor.title')}</h1>
        <Link className="button button--quiet button--small" to="/exhibitor/dashboard">
          {t('dashboard.open')}
        </Link>
      </header>
      <ErrorAlert error={error} />
      {!appointments ? (
        !error && <Loading />
      ) : (
        <>
          <AppointmentList title={t('exhibitor.requests')} items={requests} empty={t('exhibitor.noRequests')} onUpdate={update} />
          <AppointmentList title={t('exhibitor.upcoming')} items={upcoming} empty={t('exhibitor.noUpcoming')} onUpdate={update} />
        </>
      )}
      {(user?.boothIds ?? []).map((id) => (
        <LeadsSection key={id} boothId={id} boothName={boothName(id)} />
      ))}
      <section className="appointment-section" aria-labelledby="availability-heading">
        <h2 id="availability-heading">{t('exhibitor.availability')}</h2>
        <p className="muted">{t('exhibitor.availabilityIntro')}</p>
        <ErrorAlert error={staff.error} />
        {staff.data?.staff.map((entry) => (
          <AvailabilityEditor key={entry.id} staff={entry} boothName={boothName(entry.boothId)} />
        ))}
      </section>
    </main>
  );
}
