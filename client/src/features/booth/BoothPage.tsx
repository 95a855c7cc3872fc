import { useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Layout';
import { usePageTitle } from '../../components/usePageTitle';
import { countryName, languageName } from '../../i18n/regions';
import { BookingSection } from '../booking/BookingSection';
import { LiveBadge } from '../expo/BoothCard';
import { NotFoundPage } from '../NotFoundPage';
import { StaffList } from './StaffList';
import { useBoothVisit } from './useBoothVisit';
import { WalkIn } from './WalkIn';

/** `/booths/:boothId`: who the exhibitor is, who is there, and booking a meeting. */
export function BoothPage() {
  const { t, i18n } = useTranslation();
  const { boothId = '' } = useParams();
  const booth = useQuery(queries.booth(boothId));
  const eventId = booth.data?.eventId;
  const event = useQuery({ ...queries.event(eventId ?? ''), enabled: eventId !== undefined });
  usePageTitle(booth.data?.organisation);
  useBoothVisit(boothId);

  if (booth.error instanceof ApiError && booth.error.status === 404) return <NotFoundPage />;
  if (booth.error) {
    return (
      <main id="main" className="page page--content">
        <ErrorAlert error={booth.error} />
      </main>
    );
  }
  if (!booth.data) return <Loading />;
  const b = booth.data;
  const locale = i18n.language;

  return (
    <main id="main" className="page page--content">
      <nav className="breadcrumb" aria-label={t('booth.breadcrumb')}>
        <Link to="/expo">{event.data?.name ?? t('nav.expo')}</Link>
        {event.data && (
          <span>
            <span aria-hidden="true"> / </span>
            {event.data.halls.find((h) => h.id === b.hallId)?.name}
          </span>
        )}
      </nav>
      <header className="page-header">
        <div className="page-header__row">
          <h1 dir="auto">{b.organisation}</h1>
          <LiveBadge live={b.live} />
        </div>
        <p className="page-header__meta">
          {countryName(b.country, locale)} · {b.languages.map((l) => languageName(l, locale)).join(', ')}
        </p>
        {b.description && (
          <p className="page-header__lead" dir="auto">
            {b.description}
          </p>
        )}
        {b.tags.length > 0 && (
          <ul className="tags" aria-label={t('expo.tags')}>
            {b.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        )}
      </header>
      <div className="booth-layout">
        <div className="booth-layout__main">
          <BookingSection booth={b} event={event.data} />
        </div>
        <aside className="card booth-layout__side" aria-labelledby="booth-staff">
          <h2 id="booth-staff">{t('booth.staff')}</h2>
          <p className="muted">{b.live ? t('booth.liveNow') : t('booth.offlineNow')}</p>
          <StaffList staff={b.staff} />
          <WalkIn booth={b} />
        </aside>
      </div>
    </main>
  );
}
