import { useTranslation } from 'react-i18next';
import type { MeetingClient, MeetingSnapshot } from '../../media/MeetingClient';

/**
 * Server-side recording in the room: a red dot with text while it runs (for everyone), the host's
 * start/stop button, and the question to guests whether they may be recorded (declined: left out).
 */
export function RecordingStatus({ client, snapshot }: { client: MeetingClient; snapshot: MeetingSnapshot }) {
  const { t } = useTranslation();
  const { recording, recordingConsent } = snapshot.room;
  const isHost = snapshot.role === 'host' && snapshot.status === 'joined';
  return (
    <div className="recording">
      {recording && (
        <p role="status" className="recording__indicator" data-testid="recording-indicator">
          <span className="recording__dot" aria-hidden="true" />
          {recordingConsent === 'declined' ? t('recording.indicatorDeclined') : t('recording.indicator')}
        </p>
      )}
      {isHost && (
        <button type="button" className="button button--small" onClick={() => void client.room.setRecording(!recording)}>
          {recording ? t('recording.stop') : t('recording.start')}
        </button>
      )}
      {recordingConsent === 'asked' && (
        <div
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="recording-consent-title"
          aria-describedby="recording-consent-text"
          className="recording__consent"
        >
          <h2 id="recording-consent-title">{t('recording.consentTitle')}</h2>
          <p id="recording-consent-text">{t('recording.consentText')}</p>
          <div className="recording__answers">
            <button type="button" className="button" onClick={() => void client.room.answerRecordingConsent(true)}>
              {t('recording.agree')}
            </button>
            <button type="button" className="button button--danger-quiet" autoFocus onClick={() => void client.room.answerRecordingConsent(false)}>
              {t('recording.decline')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
