import type { TalkDto, ExpoEvent } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';
import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat, useTimeZone } from '../../time/useFormat';
import { useOpenMeeting } from '../meeting/useOpenMeeting';

/** The event's public agenda in the visitor's own time, each session with a way onto its stage. */
export function AgendaList({ event }: { event: ExpoEvent }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const agenda = useQuery(queries.agenda(event.id));
  const sessions = [...(agenda.data?.sessions ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  return (
    <section className="agenda-public" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.title')}</h2>
      <p className="muted">{t('agenda.intro', { zone })}</p>
      <ErrorAlert error={agenda.error} />
      {agenda.data && sessions.length === 0 && <p className="empty">{t('agenda.empty')}</p>}
      {sessions.length > 0 && (
        <ul className="agenda__list">
          {sessions.map((s) => (
            <TalkItem key={s.id} session={s} hall={event.halls.find((h) => h.id === s.hallId)?.name ?? ''} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TalkItem({ session: s, hall }: { session: TalkDto; hall: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useAuth();
  const location = useLocation();
  const titleId = useId();
  const request = useCallback(() => endpoints.talkMeeting(s.id), [s.id]);
  const { open, busy, error } = useOpenMeeting(request, s.title);
  return (
    <li className="agenda__item">
      <article aria-labelledby={titleId}>
        <span className="agenda__when">
          <time dateTime={s.start}>{fmt.dateTimeRange(s.start, s.end)}</time>
        </span>
        <h3 id={titleId} className="agenda__title">
          <bdi>{s.title}</bdi> <span className="tag">{t(`organizer.kinds.${s.kind}`)}</span>
        </h3>
        <p className="muted">
          {hall}
          {s.speakers.length > 0 && ` · ${s.speakers.join(', ')}`}
        </p>
        {user ? (
          <button type="button" className="button button--small button--primary" onClick={open} disabled={busy}>
            {user.role === 'organizer' ? t('agenda.openStage') : t('agenda.watch')}
          </button>
        ) : (
          <Link className="button button--small" to="/login" state={{ from: location }}>
            {t('agenda.signIn')}
          </Link>
        )}
        {error && (
          <p role="alert" className="alert">
            {error}
          </p>
        )}
      </article>
    </li>
  );
}
