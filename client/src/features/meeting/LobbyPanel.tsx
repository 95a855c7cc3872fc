import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { countryName, languageName } from '../../i18n/regions';
import { useFormat } from '../../time/useFormat';

/** Hosts: who is waiting to be let in (name, country, language, since when), with Admit and Decline. */
export function LobbyPanel({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const waiting = snapshot.room.lobby;
  const locale = i18n.language;
  return (
    <section className="side-panel" aria-labelledby="lobby-heading">
      <h2 id="lobby-heading" className="side-panel__title">
        {t('meeting.lobbyHeading')}
        {waiting.length > 0 && (
          <span className="count-badge" aria-hidden="true">
            {waiting.length}
          </span>
        )}
      </h2>
      {waiting.length === 0 ? (
        <p className="muted">{t('meeting.lobbyEmpty')}</p>
      ) : (
        <ul className="people" aria-live="polite">
          {waiting.map((k) => (
            <li key={k.knockId} className="people__item">
              <span className="people__name">
                <strong dir="auto">{k.displayName}</strong>
                <span className="muted">
                  {[k.country && countryName(k.country, locale), k.language && languageName(k.language, locale)].filter(Boolean).join(' · ')}
                </span>
                <span className="muted">{t('meeting.lobbySince', { time: fmt.time(k.since) })}</span>
              </span>
              <span className="people__actions">
                <button
                  type="button"
                  className="button button--small button--primary"
                  onClick={() => void client.room.admit(k.knockId)}
                  aria-label={t('meeting.admit', { name: k.displayName })}
                >
                  {t('meeting.short.admit')}
                </button>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => void client.room.decline(k.knockId)}
                  aria-label={t('meeting.decline', { name: k.displayName })}
                >
                  {t('meeting.short.decline')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
