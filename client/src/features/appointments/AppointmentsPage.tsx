import type { Appointment, UpdateAppointment } from '@ca/signaling';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormat, useNow } from '../../time/useFormat';
import { WaitlistSection } from '../waitlist/WaitlistSection';
import { AppointmentCard } from './AppointmentCard';
import { isActive, useAppointments } from './useAppointments';

/** `/appointments`: every meeting of the user, as guest and as staff; upcoming first. */
export function AppointmentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.appointments'));
  const fmt = useFormat();
  const { appointments, error, update } = useAppointments();
  const now = useNow();
  const upcoming = (appointments ?? []).filter((a) => isActive(a, now));
  const past = (appointments ?? []).filter((a) => !isActive(a, now)).reverse();

  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <h1>{t('nav.appointments')}</h1>
        <p className="page-header__meta">{t('appointments.shownIn', { zone: fmt.zone })}</p>
      </header>
      <ErrorAlert error={error} />
      <WaitlistSection />
      {!appointments ? (
        !error && <Loading />
      ) : appointments.length === 0 ? (
        <div className="empty card">
          <p>{t('appointments.none')}</p>
          <Link className="button button--primary" to="/expo">
            {t('home.browseExpo')}
          </Link>
        </div>
      ) : (
        <>
          <AppointmentList title={t('appointments.upcoming')} items={upcoming} empty={t('appointments.noneUpcoming')} onUpdate={update} />
          {past.length > 0 && <AppointmentList title={t('appointments.past')} items={past} onUpdate={update} />}
        </>
      )}
    </main>
  );
}

type ListProps = {
  title: string;
  items: Appointment[];
  empty?: string;
  onUpdate: (id: string, change: UpdateAppointment) => Promise<Appointment>;
};

export function AppointmentList({ title, items, empty, onUpdate }: ListProps) {
  return (
    <section className="appointment-section" aria-label={title}>
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="appointment-list">
          {items.map((a) => (
            <AppointmentCard key={`${a.id}-${a.guest.id}`} appointment={a} onUpdate={onUpdate} />
          ))}
        </div>
      )}
    </section>
  );
}
