import type { ExpoEvent } from '@ca/signaling';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queries, queryKeys } from '../../api/queries';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/fields';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormat } from '../../time/useFormat';
import { AgendaSection } from './AgendaSection';
import { BoothForm } from './BoothForm';
import { EventForm } from './EventForm';
import { HallForm } from './HallForm';
import { OrganizerAccountForm } from './OrganizerAccountForm';
import { StaffForm } from './StaffForm';

/** `/organizer`: set up events, halls, booths, staff and the agenda. */
export function OrganizerPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.organizer'));
  const fmt = useFormat();
  const events = useQuery(queries.events());
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const list = events.data?.events ?? [];
  const event = list.find((e) => e.id === chosen) ?? list[0];
  const eventId = event?.id;
  const booths = useQuery({ ...queries.booths(eventId ?? ''), enabled: eventId !== undefined });
  const reloadEvents = () => void client.invalidateQueries({ queryKey: queryKeys.events() });
  const reloadBooths = () => void client.invalidateQueries({ queryKey: ['booths'] });

  const created = (e: ExpoEvent) => {
    setChosen(e.id);
    reloadEvents();
  };

  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <p className="eyebrow">{t('nav.organizer')}</p>
        <h1>{t('organizer.title')}</h1>
        <Link className="button button--quiet button--small" to="/organizer/dashboard">
          {t('dashboard.open')}
        </Link>
      </header>
      <ErrorAlert error={events.error} />
      {!events.data ? (
        !events.error && <Loading />
      ) : (
        <div className="organizer-grid">
          {event ? (
            <>
              <Panel title={t('organizer.event')}>
                <SelectField label={t('organizer.event')} value={event.id} onChange={(e) => setChosen(e.target.value)}>
                  {list.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
                </SelectField>
                <p className="muted">
                  {fmt.calendarRange(event.startsOn, event.endsOn)} · {fmt.zoneName(event.timeZone)}
                </p>
                <h3>{t('organizer.halls')}</h3>
                <HallForm event={event} onChanged={reloadEvents} />
              </Panel>
              <Panel title={t('organizer.addBooth')}>
                <BoothForm event={event} onCreated={reloadBooths} />
              </Panel>
              <Panel title={t('organizer.addStaff')}>
                <StaffForm booths={booths.data?.booths ?? []} onCreated={reloadBooths} />
              </Panel>
              <Panel title={t('organizer.agenda')} wide>
                <AgendaSection event={event} />
              </Panel>
            </>
          ) : (
            <p className="muted">{t('organizer.noEvents')}</p>
          )}
          <Panel title={t('organizer.createEvent')}>
            <EventForm onCreated={created} />
          </Panel>
          <Panel title={t('organizer.addOrganizer')}>
            <OrganizerAccountForm />
          </Panel>
        </div>
      )}
    </main>
  );
}

function Panel({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <section className={wide ? 'card panel panel--wide' : 'card panel'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
