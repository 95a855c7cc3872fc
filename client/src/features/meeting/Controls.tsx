import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../components/Icon';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';

const canShareScreen = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia;

/**
 * The control bar. Each button's accessible name is its text ("Mute microphone",
 * "Turn camera on", ...); on narrow screens the text is visually hidden, not removed.
 */
export function Controls({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const joined = snapshot.status === 'joined';
  const { microphone, camera, screen } = snapshot.local;
  const micOn = microphone.state === 'on';
  const cameraOn = camera.state === 'on';
  const sharing = screen.state === 'on';
  // The audience only watches: no microphone, camera or screen (the server would refuse them).
  const sends = snapshot.role !== 'audience';
  const hand = snapshot.handRaised;
  const locked = snapshot.room.locked;
  return (
    <div className="controls" role="group" aria-label={t('room.controls')}>
      {sends && (
        <>
          <ControlButton
            icon={micOn ? 'microphone' : 'microphoneOff'}
            label={micOn ? t('room.muteMicrophone') : t('room.unmuteMicrophone')}
            off={!micOn}
            disabled={!joined || microphone.busy}
            onClick={() => void client.setMicrophone(!micOn)}
          />
          <ControlButton
            icon={cameraOn ? 'camera' : 'cameraOff'}
            label={cameraOn ? t('room.turnCameraOff') : t('room.turnCameraOn')}
            off={!cameraOn}
            disabled={!joined || camera.busy}
            onClick={() => void client.setCamera(!cameraOn)}
          />
          {canShareScreen && (
            <ControlButton
              icon={sharing ? 'screenStop' : 'screen'}
              label={sharing ? t('room.stopSharing') : t('room.shareScreen')}
              active={sharing}
              disabled={!joined || screen.busy}
              onClick={() => void client.setScreenShare(!sharing)}
            />
          )}
        </>
      )}
      {/* Overflow viewers watch a stage relayed from its own server: only the audience there can be brought on stage. */}
      {!snapshot.room.overflow && (
        <ControlButton
          icon="hand"
          label={hand ? t('meeting.lowerHand') : t('meeting.raiseHand')}
          active={hand}
          disabled={!joined}
          onClick={() => void client.room.raiseHand(!hand)}
        />
      )}
      {snapshot.role === 'host' && (
        <ControlButton
          icon={locked ? 'lock' : 'unlock'}
          label={locked ? t('meeting.unlockRoom') : t('meeting.lockRoom')}
          active={locked}
          disabled={!joined}
          onClick={() => void client.room.setRoomLocked(!locked)}
        />
      )}
      <ControlButton icon="leave" label={t('room.leave')} danger onClick={() => void client.leave()} />
    </div>
  );
}

type ControlButtonProps = {
  icon: IconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  /** The device is off: shown in a warning style. */
  off?: boolean;
  active?: boolean;
  /** A toggle: aria-pressed. */
  pressed?: boolean;
  danger?: boolean;
};

function ControlButton({ icon, label, onClick, disabled, off, active, pressed, danger }: ControlButtonProps) {
  const classes = ['control', off && 'control--off', active && 'control--active', danger && 'control--danger'].filter(Boolean).join(' ');
  return (
    <button type="button" className={classes} onClick={onClick} disabled={disabled} aria-pressed={pressed}>
      <Icon name={icon} />
      <span className="control__label">{label}</span>
    </button>
  );
}
