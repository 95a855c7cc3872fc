import type { Booth, ExpoEvent } from '@ca/signaling';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { useFormat } from '../../time/useFormat';
import { AgendaList } from '../agenda/AgendaList';
import { BoothCard } from './BoothCard';
import { ExpoFilters, type ExpoFilter } from './ExpoFilters';

const FILTER_KEYS = ['q', 'tag', 'language', 'country'] as const;

/** `/expo`: the (first) event, its halls and booths, with search and filters kept in the address. */
export function ExpoPage() {
  const { t } = useTranslation();
  const events = useQuery(queries.events());
  const event = events.data?.events[0];
  usePageTitle(event?.name ?? t('nav.expo'));

  if (events.error) return <PageError error={events.error} />;
  if (!events.data) return <Loading />;
  if (!event) {
    return (
      <main id="main" className="page page--content">
        <h1>{t('nav.expo')}</h1>
        <p className="empty">{t('expo.noEvent')}</p>
      </main>
    );
  }
  return <EventView event={event} />;
}

function PageError({ error }: { error: unknown }) {
  return (
    <main id="main" className="page page--content">
      <ErrorAlert error={error} />
    </main>
  );
}

function EventView({ event }: { event: ExpoEvent }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const filter: ExpoFilter = {
    q: params.get('q') ?? '',
    tag: params.get('tag') ?? '',
    language: params.get('language') ?? '',
    country: params.get('country') ?? '',
  };
  const filterKey = FILTER_KEYS.map((k) => filter[k]).join('\u0000');
  const active = FILTER_KEYS.some((k) => filter[k] !== '');

  const update = useCallback(
    (change: Partial<ExpoFilter>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(change)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // The search box updates the address (and so the query) a moment after typing stops.
  const [search, setSearch] = useState(filter.q);
  useEffect(() => {
    if (search.trim() === filter.q) return;
    const timer = window.setTimeout(() => update({ q: search.trim() }), 250);
    return () => window.clearTimeout(timer);
  }, [search, filter.q, update]);

  const all = useQuery(queries.booths(event.id));
  const [q = '', tag = '', language = '', country = ''] = filterKey.split('\u0000');
  const matching = useQuery({ ...queries.booths(event.id, { q, tag, language, country }), enabled: active, placeholderData: keepPreviousData });
  const booths = (active ? matching.data : all.data)?.booths;

  return (
    <main id="main" className="page page--content">
      <header className="page-header">
        <p className="eyebrow">{t('expo.eyebrow')}</p>
        <h1 dir="auto">{event.name}</h1>
        <p className="page-header__meta">
          {fmt.calendarRange(event.startsOn, event.endsOn)} · {t('expo.eventZone', { zone: event.timeZone })}
        </p>
        {event.description && (
          <p className="page-header__lead" dir="auto">
            {event.description}
          </p>
        )}
      </header>

      <AgendaList event={event} />

      <ExpoFilters booths={all.data?.booths ?? []} filter={filter} search={search} onSearch={setSearch} onChange={update} />

      <ErrorAlert error={all.error ?? matching.error} />
      {!booths ? (
        <Loading />
      ) : (
        <Halls
          event={event}
          booths={booths}
          onClear={
            active
              ? () => {
                  setSearch('');
                  update({ q: '', tag: '', language: '', country: '' });
                }
              : undefined
          }
        />
      )}
    </main>
  );
}

function Halls({ event, booths, onClear }: { event: ExpoEvent; booths: Booth[]; onClear: (() => void) | undefined }) {
  const { t } = useTranslation();
  const halls = useMemo(() => {
    const sorted = [...event.halls].sort((a, b) => a.position - b.position);
    const known = new Set(sorted.map((h) => h.id));
    const sections = sorted.map((hall) => ({ id: hall.id, name: hall.name, booths: booths.filter((b) => b.hallId === hall.id) }));
    const other = booths.filter((b) => !known.has(b.hallId));
    if (other.length > 0) sections.push({ id: 'other', name: t('expo.otherHall'), booths: other });
    return sections.filter((s) => s.booths.length > 0);
  }, [event.halls, booths, t]);

  return (
    <>
      <p className="result-count" role="status">
        {t('expo.boothCount', { count: booths.length })}
      </p>
      {halls.length === 0 && (
        <div className="empty">
          <p>{t('expo.noMatches')}</p>
          {onClear && (
            <button type="button" className="button button--quiet" onClick={onClear}>
              {t('expo.clearFilters')}
            </button>
          )}
        </div>
      )}
      {halls.map((hall) => (
        <section key={hall.id} className="hall" aria-labelledby={`hall-${hall.id}`}>
          <h2 id={`hall-${hall.id}`} className="hall__title">
            {hall.name}
          </h2>
          <div className="booth-grid">
            {hall.booths.map((booth) => (
              <BoothCard key={booth.id} booth={booth} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
