import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';
import { useFormat } from '../../time/useFormat';
import { BookInstead } from './BookInstead';

/** From this estimated wait on (minutes), the guest is offered a booked time instead. */
export const LONG_WAIT_MINUTES = 20;

/**
 * A guest knocked on a booth room: their place in line and the estimated wait (announced politely
 * when the place changes), a booked time instead when the wait is long, or give up (Cancel = leave).
 */
export function LobbyWait({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const line = snapshot.line;
  const number = new Intl.NumberFormat(fmt.locale);
  const minutes = (m: number) => new Intl.NumberFormat(fmt.locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(m);
  const boothId = snapshot.roomId.startsWith('booth-') ? snapshot.roomId.slice('booth-'.length) : null;
  return (
    <main id="main" className="page page--center">
      <div className="card card--narrow lobby-wait" aria-busy="true">
        <div className="lobby-wait__pulse" aria-hidden="true" />
        <h1 ref={heading} tabIndex={-1}>
          {t('lobbyWait.title')}
        </h1>
        <p className="muted">{t('lobbyWait.body')}</p>
        {line && (
          <div className="lobby-wait__line">
            <p role="status" className="lobby-wait__position">
              {t('lobbyWait.position', { position: number.format(line.position), waiting: number.format(line.waiting) })}
            </p>
            <p>{line.etaMinutes === null ? t('lobbyWait.noHost') : t('lobbyWait.eta', { minutes: minutes(line.etaMinutes) })}</p>
          </div>
        )}
        {boothId && line && (line.etaMinutes === null || line.etaMinutes >= LONG_WAIT_MINUTES) && (
          <BookInstead boothId={boothId} onBooked={() => client.leave()} />
        )}
        <button type="button" className="button button--quiet" onClick={() => void client.leave()}>
          {t('lobbyWait.cancel')}
        </button>
      </div>
    </main>
  );
}
