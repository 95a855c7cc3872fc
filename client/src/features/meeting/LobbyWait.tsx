import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingClient } from '../../media/MeetingClient';

/** A guest knocked on a booth room: wait for the host, or give up (Cancel = leave). */
export function LobbyWait({ client }: { client: MeetingClient }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="page page--center">
      <div className="card card--narrow lobby-wait" aria-busy="true">
        <div className="lobby-wait__pulse" aria-hidden="true" />
        <h1 ref={heading} tabIndex={-1}>
          {t('lobbyWait.title')}
        </h1>
        <p className="muted">{t('lobbyWait.body')}</p>
        <button type="button" className="button button--quiet" onClick={() => void client.leave()}>
          {t('lobbyWait.cancel')}
        </button>
      </div>
    </main>
  );
}
