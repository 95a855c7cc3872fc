import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot, ParticipantView } from '../../media/MeetingClient';
import { isStageRoom } from '../../media/RoomControl';

/**
 * Everyone in the room with their role and raised hand. Hosts get a button per
 * action and person ("Mute Ana", "Stop camera of Ana", "Remove Ana", and on a
 * stage "Bring Ana on stage" / "Move Ana to audience").
 */
export function ParticipantsPanel({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const isHost = snapshot.role === 'host' && snapshot.status === 'joined';
  const stage = isStageRoom(snapshot.roomId);
  return (
    <section className="side-panel" aria-labelledby="participants-heading">
      <h2 id="participants-heading" className="side-panel__title">
        {t('meeting.participantsHeading')}
      </h2>
      <ul className="people">
        {snapshot.participants.map((p) => (
          <li key={p.peerId} className="people__item">
            <span className="people__name">
              <bdi>{p.isSelf ? t('room.you', { name: p.displayName }) : p.displayName}</bdi>
              {p.role && <span className="tag">{t(`meeting.roles.${p.role}`)}</span>}
              {p.handRaised && <span className="badge badge--hand">{t('meeting.handRaised')}</span>}
              {p.away && <span className="badge">{t('meeting.away')}</span>}
            </span>
            {isHost && !p.isSelf && <HostActions client={client} participant={p} stage={stage} />}
          </li>
        ))}
      </ul>
      {snapshot.room.overflowAudience > 0 && <p className="muted">{t('meeting.overflowAudience', { count: snapshot.room.overflowAudience })}</p>}
    </section>
  );
}

function HostActions({ client, participant: p, stage }: { client: MeetingClient; participant: ParticipantView; stage: boolean }) {
  const { t } = useTranslation();
  const name = p.displayName;
  const micOn = !!p.media.microphone && !p.media.microphone.paused;
  const cameraOn = !!p.media.camera && !p.media.camera.paused;
  return (
    <span className="people__actions">
      {micOn && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => void client.room.muteParticipant(p.peerId, 'microphone')}
          aria-label={t('meeting.muteParticipant', { name })}
        >
          {t('meeting.short.mute')}
        </button>
      )}
      {cameraOn && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => void client.room.muteParticipant(p.peerId, 'camera')}
          aria-label={t('meeting.stopCamera', { name })}
        >
          {t('meeting.short.stopCamera')}
        </button>
      )}
      {stage && p.role === 'audience' && (
        <button
          type="button"
          className="button button--small"
          onClick={() => void client.room.setOnStage(p.peerId, true)}
          aria-label={t('meeting.bringOnStage', { name })}
        >
          {t('meeting.short.bringOnStage')}
        </button>
      )}
      {stage && p.role === 'speaker' && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => void client.room.setOnStage(p.peerId, false)}
          aria-label={t('meeting.moveToAudience', { name })}
        >
          {t('meeting.short.moveToAudience')}
        </button>
      )}
      {p.role !== 'host' && (
        <button
          type="button"
          className="button button--small button--danger-quiet"
          onClick={() => void client.room.removeParticipant(p.peerId)}
          aria-label={t('meeting.remove', { name })}
        >
          {t('meeting.short.remove')}
        </button>
      )}
    </span>
  );
}
