import type { ExpoEvent } from '@ca/signaling';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queries, queryKeys } from '../../api/queries';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';
import { AgendaWarnings } from './AgendaWarnings';
import { SessionInterpreters } from './SessionInterpreters';
import { TalkForm } from './TalkForm';

/** The event's sessions in its own zone, the agenda's conflict warnings, and a new session. */
export function AgendaSection({ event }: { event: ExpoEvent }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const agenda = useQuery(queries.agenda(event.id));
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: queryKeys.agenda(event.id) });
  const hallName = (id: string) => event.halls.find((h) => h.id === id)?.name ?? '';
  const sessions = [...(agenda.data?.sessions ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  const [removeError, setRemoveError] = useState<unknown>(undefined);
  const remove = (sessionId: string) => {
    setRemoveError(undefined);
    endpoints.removeTalk(sessionId).then(refresh, setRemoveError);
  };

  return (
    <div className="agenda">
      <ErrorAlert error={agenda.error} />
      <ErrorAlert error={removeError} />
      <p className="muted">{t('organizer.agendaIn', { zone: event.timeZone })}</p>
      {sessions.length === 0 ? (
        <p className="muted">{t('organizer.noSessions')}</p>
      ) : (
        <ul className="agenda__list">
          {sessions.map((s) => (
            <li key={s.id} className="agenda__item">
              <span className="agenda__when">{fmt.dateTimeRange(s.start, s.end, event.timeZone)}</span>
              <span className="agenda__title">
                {s.title} <span className="tag">{t(`organizer.kinds.${s.kind}`)}</span>
              </span>
              <span className="muted">
                {hallName(s.hallId)}
                {s.speakers.length > 0 && ` · ${s.speakers.join(', ')}`}
              </span>
              <button
                type="button"
                className="button button--quiet button--small"
                aria-label={t('organizer.removeSession', { title: s.title })}
                onClick={() => remove(s.id)}
              >
                {t('organizer.remove')}
              </button>
              <SessionInterpreters sessionId={s.id} title={s.title} />
            </li>
          ))}
        </ul>
      )}
      <AgendaWarnings warnings={agenda.data?.warnings ?? []} heading={t('organizer.agendaWarnings')} />
      <h3>{t('organizer.newSession')}</h3>
      <TalkForm event={event} onCreated={refresh} />
    </div>
  );
}
