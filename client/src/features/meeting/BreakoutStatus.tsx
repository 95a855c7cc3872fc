import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { useTimeLeft } from './useTimeLeft';

/** Where you are while breakout rooms are open (and how long is left), and the hosts' latest message to all rooms. */
export function BreakoutStatus({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const { breakouts, breakout, broadcast } = snapshot.room;
  const timeLeft = useTimeLeft(breakouts?.endsAt ?? null);
  if (!breakouts && !broadcast) return null;
  return (
    <div className="banners breakout-status">
      {breakouts && (
        <p role="status" className="banner banner--breakout" data-testid="breakout-where">
          <span>{breakout === null ? t('breakouts.inMain') : t('breakouts.youAreIn', { room: t('breakouts.room', { number: breakout }) })}</span>
          {timeLeft !== null && <span className="banner__aside">{t('breakouts.timeLeft', { time: timeLeft })}</span>}
        </p>
      )}
      {broadcast && (
        <div role="alert" className="banner banner--broadcast" data-testid="breakout-broadcast">
          <p>
            <strong>{t('breakouts.messageFrom', { name: broadcast.displayName })}</strong> <span dir="auto">{broadcast.text}</span>
          </p>
          <button type="button" className="button button--small" onClick={() => client.room.setBroadcast(null)}>
            {t('breakouts.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
