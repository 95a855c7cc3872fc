import type { Recording } from '@ca/signaling';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';

/** The meeting's recordings (loaded when opened): play or download the composed video, or see its progress. */
export function AppointmentRecordings({ appointmentId }: { appointmentId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [recordings, setRecordings] = useState<Recording[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    api.get<{ recordings: Recording[] }>(`/api/appointments/${encodeURIComponent(appointmentId)}/recordings`).then(
      (answer) => setRecordings(answer.recordings),
      (err: unknown) => setError(err),
    );
  };
  return (
    <details className="appointment__recordings" onToggle={(e) => e.currentTarget.open && recordings === null && load()}>
      <summary>{t('recording.listTitle')}</summary>
      <ErrorAlert error={error} />
      {recordings?.length === 0 && <p className="muted">{t('recording.none')}</p>}
      <ul>
        {recordings?.map((r) => (
          <li key={r.id}>
            <p>
              {fmt.dateTime(Date.parse(r.startedAt))} ·{' '}
              {r.status === 'ready' && t('recording.expires', { date: fmt.dateTime(Date.parse(r.expiresAt)) })}
              {r.status === 'recording' && t('recording.indicator')}
              {r.status === 'composing' && t('recording.composing', { percent: Math.round(r.progress * 100) })}
              {r.status === 'failed' && t('recording.failed')}
            </p>
            {r.fileUrl && (
              <>
                <video controls preload="none" src={r.fileUrl} className="appointment__recording-video" />
                <a href={r.fileUrl} download>
                  {t('recording.download')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
