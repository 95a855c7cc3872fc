import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import type { MeetingClient, MeetingSnapshot, ParticipantView, VideoView } from '../../media/MeetingClient';
import { Banners } from './Banners';
import { BreakoutPanel } from './BreakoutPanel';
import { BreakoutStatus } from './BreakoutStatus';
import { DEFAULT_DUCK, FloorVolume } from './floorVolume';
import { HostStatusBanner } from './HostStatusBanner';
import { InterpretationPanel } from './InterpretationPanel';
import { ChatPanel } from './ChatPanel';
import { Controls } from './Controls';
import { LobbyPanel } from './LobbyPanel';
import { Notices } from './Notices';
import { ParticipantsPanel } from './ParticipantsPanel';
import { RecordingStatus } from './RecordingStatus';
import { RoomAnnouncer } from './RoomAnnouncer';
import { Tile, type TileProps } from './Tile';

type TileEntry = TileProps & { key: string };

/** Camera tiles after the first few are received only while on screen. */
const PINNED_TILES = 6;

/** One report function per producer, so a tile's report ends when its producer changes. */
function useViewReporters(client: MeetingClient) {
  const reporters = useMemo(() => new Map<string, (view: VideoView | null) => void>(), []);
  return useCallback(
    (producerId: string | null | undefined) => {
      if (!producerId) return undefined;
      let reporter = reporters.get(producerId);
      if (!reporter) {
        reporter = (view) => {
          client.setVideoView(producerId, view);
          if (!view) reporters.delete(producerId);
        };
        reporters.set(producerId, reporter);
      }
      return reporter;
    },
    [client, reporters],
  );
}

/** A camera tile for everyone who can send (you first; the audience only watches) and a tile per screen share. */
function layoutTiles(
  participants: readonly ParticipantView[],
  t: ReturnType<typeof useTranslation>['t'],
  reporter: ReturnType<typeof useViewReporters>,
): { screens: TileEntry[]; cameras: TileEntry[] } {
  const screens: TileEntry[] = [];
  const cameras: TileEntry[] = [];
  for (const p of participants) {
    if (p.role === 'audience') continue;
    // Interpreters work from the booth: heard through their channel, shown only if they send video.
    if (p.interpreter && !p.isSelf && !p.media.camera && !p.media.screen) continue;
    cameras.push({
      key: `${p.peerId}:camera`,
      kind: 'camera',
      label: p.isSelf ? t('room.you', { name: p.displayName }) : p.displayName,
      displayName: p.displayName,
      video: p.media.camera,
      audio: p.media.microphone,
      isSelf: p.isSelf,
      showMuted: true,
      speaking: p.speaking,
      handRaised: p.handRaised,
      away: p.away,
      quality: p.quality,
      onVideoView: p.isSelf ? undefined : reporter(p.media.camera?.producerId),
      pinned: cameras.length < PINNED_TILES,
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
        onVideoView: p.isSelf ? undefined : reporter(p.media.screen.producerId),
        pinned: true,
      });
    }
  }
  return { screens, cameras };
}

type MeetingRoomProps = {
  client: MeetingClient;
  snapshot: MeetingSnapshot;
  title: string;
  /** A booked meeting's appointment: its guest is told where the host is. */
  appointmentId?: string | undefined;
};

export function MeetingRoom({ client, snapshot, title, appointmentId }: MeetingRoomProps) {
  const { t } = useTranslation();
  const dismiss = useCallback((id: number) => client.dismissNotice(id), [client]);
  const reporter = useViewReporters(client);
  const { screens, cameras } = layoutTiles(snapshot.participants, t, reporter);
  const count = snapshot.participants.length;
  // Keyboard and screen-reader users start in the room: focus moves to its heading when it opens.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const [duck, setDuck] = useState(DEFAULT_DUCK);
  const floorVolume = snapshot.interpretation.listening ? duck : 1;
  return (
    <FloorVolume.Provider value={floorVolume}>
      <div className="meeting meeting--with-side">
        <header className="meeting__header">
          <h1 className="meeting__title" dir="auto" tabIndex={-1} ref={heading}>
            {title}
          </h1>
          <p className="participants">
            <Icon name="users" />
            <span>{t('room.participants', { count })}</span>
          </p>
        </header>

        <RoomAnnouncer snapshot={snapshot} />
        <Banners client={client} snapshot={snapshot} />
        {appointmentId && <HostStatusBanner appointmentId={appointmentId} onMoved={() => client.leave()} />}
        <RecordingStatus client={client} snapshot={snapshot} />
        <BreakoutStatus client={client} snapshot={snapshot} />
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
          <section className={screens.length > 0 ? 'grid grid--strip' : 'grid'} aria-label={t('room.tiles')} data-count={Math.min(cameras.length, 9)}>
            {cameras.map(({ key, ...tile }) => (
              <Tile key={key} {...tile} />
            ))}
          </section>
        </main>

        <aside className="meeting__side" aria-label={t('meeting.sidePanel')}>
          {snapshot.role === 'host' && <LobbyPanel client={client} snapshot={snapshot} />}
          <BreakoutPanel client={client} snapshot={snapshot} />
          <InterpretationPanel client={client} snapshot={snapshot} floorVolume={duck} onFloorVolume={setDuck} appointmentId={appointmentId} />
          <ParticipantsPanel client={client} snapshot={snapshot} />
          <ChatPanel client={client} snapshot={snapshot} />
        </aside>

        <footer className="meeting__footer">
          <Controls client={client} snapshot={snapshot} />
        </footer>
      </div>
    </FloorVolume.Provider>
  );
}
