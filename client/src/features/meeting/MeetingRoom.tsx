import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import type { MeetingClient, MeetingSnapshot, ParticipantView } from '../../media/MeetingClient';
import { Controls } from './Controls';
import { Notices } from './Notices';
import { Tile, type TileProps } from './Tile';

type TileEntry = TileProps & { key: string };

/** A camera tile for everyone (you first) and a tile per screen share. */
function layoutTiles(
  participants: readonly ParticipantView[],
  t: ReturnType<typeof useTranslation>['t'],
): { screens: TileEntry[]; cameras: TileEntry[] } {
  const screens: TileEntry[] = [];
  const cameras: TileEntry[] = [];
  for (const p of participants) {
    cameras.push({
      key: `${p.peerId}:camera`,
      kind: 'camera',
      label: p.isSelf ? t('room.you', { name: p.displayName }) : p.displayName,
      displayName: p.displayName,
      video: p.media.camera,
      audio: p.media.microphone,
      isSelf: p.isSelf,
      showMuted: true,
    });
    if (p.media.screen) {
      screens.push({
        key: `${p.peerId}:screen`,
        kind: 'screen',
        label: t('room.screen', { name: p.displayName }),
        displayName: p.displayName,
        video: p.media.screen,
        audio: p.media['screen-audio'],
        isSelf: p.isSelf,
        showMuted: false,
      });
    }
  }
  return { screens, cameras };
}

export function MeetingRoom({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const dismiss = useCallback((id: number) => client.dismissNotice(id), [client]);
  const { screens, cameras } = layoutTiles(snapshot.participants, t);
  const count = snapshot.participants.length;
  return (
    <div className="meeting">
      <header className="meeting__header">
        <h1 className="meeting__title">{snapshot.roomId}</h1>
        <details className="participants">
          <summary>
            <Icon name="users" />
            <span>{t('room.participants', { count })}</span>
          </summary>
          <ul aria-label={t('room.participantList')}>
            {snapshot.participants.map((p) => (
              <li key={p.peerId}>{p.isSelf ? t('room.you', { name: p.displayName }) : p.displayName}</li>
            ))}
          </ul>
        </details>
      </header>

      <Notices notices={snapshot.notices} onDismiss={dismiss} />

      <main id="main" className={screens.length > 0 ? 'meeting__stage meeting__stage--sharing' : 'meeting__stage'}>
        {snapshot.status === 'connecting' && (
          <p role="status" className="meeting__status">
            {t('room.connecting')}
          </p>
        )}
        {screens.length > 0 && (
          <div className="screens" data-count={Math.min(screens.length, 4)}>
            {screens.map(({ key, ...tile }) => (
              <Tile key={key} {...tile} />
            ))}
          </div>
        )}
        <section
          className={screens.length > 0 ? 'grid grid--strip' : 'grid'}
          aria-label={t('room.tiles')}
          data-count={Math.min(cameras.length, 9)}
        >
          {cameras.map(({ key, ...tile }) => (
            <Tile key={key} {...tile} />
          ))}
        </section>
      </main>

      <footer className="meeting__footer">
        <Controls client={client} snapshot={snapshot} />
      </footer>
    </div>
  );
}
