import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { AudioTrack, VideoTrack } from '../../components/MediaTrack';
import type { MediaView } from '../../media/MeetingClient';

export type TileProps = {
  /** Accessible name and caption: "Ana", "Ana (you)", "Ana (screen)". */
  label: string;
  /** Shown as initials while there is no picture. */
  displayName: string;
  video: MediaView | undefined;
  /** Remote sound for this tile; never your own. */
  audio: MediaView | undefined;
  isSelf: boolean;
  kind: 'camera' | 'screen';
  /** Show the muted badge (camera tiles only). */
  showMuted: boolean;
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
export function Tile({ label, displayName, video, audio, isSelf, kind, showMuted }: TileProps) {
  const { t } = useTranslation();
  const cameraOff = !video || video.paused;
  const waiting = !!video && !video.paused && !video.track;
  const muted = showMuted && (!audio || audio.paused);
  return (
    <figure
      className={`tile tile--${kind}${isSelf ? ' tile--self' : ''}`}
      aria-label={label}
      data-camera-off={cameraOff || undefined}
      data-muted={muted || undefined}
    >
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
        {!isSelf && audio?.track && <AudioTrack track={audio.track} />}
        <div className="tile__badges">
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
      </div>
      <figcaption className="tile__caption">{label}</figcaption>
    </figure>
  );
}
