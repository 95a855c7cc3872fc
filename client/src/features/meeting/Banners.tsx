import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { useFormat } from '../../time/useFormat';

/** Standing states of the meeting: reconnecting, server restarting, audio-first, locked, watching from the audience (or an overflow server). */
export function Banners({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="banners">
      {snapshot.status === 'reconnecting' && (
        <p role="status" className="banner banner--warning">
          {t('meeting.reconnecting')}
        </p>
      )}
      {snapshot.drainingDeadline && (
        <p role="status" className="banner banner--warning">
          {t('meeting.draining', { time: fmt.time(snapshot.drainingDeadline) })}
        </p>
      )}
      {snapshot.audioFirst && (
        <div role="status" className="banner banner--warning">
          <p>{t('meeting.audioFirst')}</p>
          <button type="button" className="button button--small" onClick={() => client.turnVideoBackOn()}>
            {t('meeting.turnVideoOn')}
          </button>
        </div>
      )}
      {snapshot.room.locked && <p className="banner">{t('meeting.locked')}</p>}
      {snapshot.role === 'audience' && <p className="banner">{snapshot.room.overflow ? t('meeting.overflow') : t('meeting.audience')}</p>}
    </div>
  );
}
