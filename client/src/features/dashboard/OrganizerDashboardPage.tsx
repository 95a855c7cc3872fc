import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { EventDashboard } from './EventDashboard';
import { LiveNowPanel } from './LiveNowPanel';

/** `/organizer/dashboard`: the event live now and its totals. */
export function OrganizerDashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const events = useQuery(queries.events());
  const [chosen, setChosen] = useState<string | null>(null);
  const list = events.data?.events ?? [];
  const event = list.find((e) => e.id === chosen) ?? list[0];
  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/organizer">{t('nav.organizer')}</Link>
        </p>
        <h1>{t('dashboard.title')}</h1>
      </header>
      <ErrorAlert error={events.error} />
      {!events.data && !events.error && <Loading />}
      {events.data && !event && <p className="empty">{t('organizer.noEvents')}</p>}
      {event && (
        <>
          {list.length > 1 && (
            <SelectField label={t('organizer.event')} value={event.id} onChange={(e) => setChosen(e.target.value)}>
              {list.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </SelectField>
          )}
          <LiveNowPanel eventId={event.id} />
          <EventDashboard eventId={event.id} />
        </>
      )}
    </main>
  );
}
