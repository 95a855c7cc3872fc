import { useContext, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AudioLevelBar } from '../../components/AudioLevelBar';
import { Icon } from '../../components/Icon';
import { AudioTrack, VideoTrack } from '../../components/MediaTrack';
import type { MediaView, VideoView } from '../../media/MeetingClient';
import type { ConnectionQuality } from '../../media/networkQuality';
import { FloorVolume } from './floorVolume';
import { useVideoView } from './useVideoView';

export type TileProps = {
  /** Accessible name and caption: "Ana", "Ana (you)", "Ana (screen)". */
  label: string;
  /** Shown as initials while there is no picture. */
  displayName: string;
  video: MediaView | undefined;
  /** Remote sound for this tile; never your own (but your own still drives the level bar). */
  audio: MediaView | undefined;
  isSelf: boolean;
  kind: 'camera' | 'screen';
  /** Show the muted badge (camera tiles only). */
  showMuted: boolean;
  speaking?: boolean;
  handRaised?: boolean;
  away?: boolean;
  quality?: ConnectionQuality | null;
  /** Remote video: told where the tile is, so unseen video is paused and seen video comes at the right size. */
  onVideoView?: ((view: VideoView | null) => void) | undefined;
  /** Counts as visible even when scrolled away (the first tiles). */
  pinned?: boolean;
};

function initials(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((p) => (p ? Array.from(p)[0] : ''))
    .join('')
    .toUpperCase();
}

/** One participant (or one screen share): picture, remote sound, name and state badges. */
export function Tile(props: TileProps) {
  const { label, displayName, video, audio, isSelf, kind, showMuted, speaking, handRaised, away, quality } = props;
  const { t } = useTranslation();
  const floorVolume = useContext(FloorVolume);
  const ref = useRef<HTMLElement>(null);
  useVideoView(ref, props.onVideoView, props.pinned ?? false);
  const cameraOff = !video || video.paused;
  const waiting = !!video && !video.paused && !video.track;
  const muted = showMuted && (!audio || audio.paused);
  const classes = ['tile', `tile--${kind}`, isSelf && 'tile--self', speaking && 'tile--speaking'].filter(Boolean).join(' ');
  return (
    <figure ref={ref} className={classes} aria-label={label} data-camera-off={cameraOff || undefined} data-muted={muted || undefined}>
      <div className="tile__media">
        <VideoTrack
          track={cameraOff ? null : (video?.track ?? null)}
          mirrored={isSelf && kind === 'camera'}
          hidden={cameraOff || waiting}
          className="tile__video"
        />
        {(cameraOff || waiting) && (
          <div className="tile__avatar" aria-hidden="true">
            <span>{initials(displayName)}</span>
          </div>
        )}
        {!isSelf && audio?.track && <AudioTrack track={audio.track} volume={floorVolume} />}
        <div className="tile__badges">
          {speaking && kind === 'camera' && <span className="badge badge--speaking">{t('meeting.speaking')}</span>}
          {handRaised && (
            <span className="badge badge--hand">
              <span aria-hidden="true">✋ </span>
              {t('meeting.handRaised')}
            </span>
          )}
          {away && <span className="badge">{t('meeting.away')}</span>}
          {waiting && <span className="badge">{t('room.connectingMedia')}</span>}
          {kind === 'camera' && cameraOff && (
            <span className="badge">
              <Icon name="cameraOff" />
              {t('room.cameraOff')}
            </span>
          )}
          {muted && (
            <span className="badge badge--alert">
              <Icon name="microphoneOff" />
              {t('room.muted')}
            </span>
          )}
        </div>
        {quality && <QualityIndicator quality={quality} />}
      </div>
      <figcaption className="tile__caption">
        {kind === 'camera' && <AudioLevelBar track={audio && !audio.paused ? audio.track : null} />}
        {label}
      </figcaption>
    </figure>
  );
}

/** Three bars, filled by quality; the accessible name says it in words ("Connection: good"). */
function QualityIndicator({ quality }: { quality: ConnectionQuality }) {
  const { t } = useTranslation();
  const bars = quality === 'good' ? 3 : quality === 'fair' ? 2 : 1;
  return (
    <span className={`quality quality--${quality}`} role="img" aria-label={t(`meeting.quality.${quality}`)} title={t(`meeting.quality.${quality}`)}>
      {[1, 2, 3].map((n) => (
        <span key={n} className={n <= bars ? 'quality__bar quality__bar--on' : 'quality__bar'} />
      ))}
    </span>
  );
}
