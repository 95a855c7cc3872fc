import type { HostStatus } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUpdateAppointment } from '../../api/mutations';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';
import { useNextFreeTimes } from '../booking/useNextFreeTimes';

/** How many other times a guest whose host did not come is offered. */
const ALTERNATIVES = 3;

/**
 * For the guest of a booked meeting while the host is not in the room: whether they are late, who
 * from the booth is coming instead, or, when nobody is free, the booth's next free times to move
 * the meeting to in one click (then the guest leaves the room for their appointments).
 */
export function HostStatusBanner({ appointmentId, onMoved }: { appointmentId: string; onMoved: () => Promise<void> }) {
  const { t } = useTranslation();
  const status = useQuery(queries.hostStatus(appointmentId));
  const s = status.data;
  // Staff get 403 here and see nothing; so does anyone while the host is in the room or not yet due.
  if (!s || s.state === 'host-here' || s.state === 'waiting') return null;
  return (
    <div className="host-status" role="status">
      {s.state === 'alerted' && <p>{t('handoff.late', { host: s.host.name, booth: s.boothName })}</p>}
      {s.state === 'coming' && <p>{t('handoff.coming', { host: s.host.name, booth: s.boothName })}</p>}
      {s.state === 'nobody-free' && <Rebook appointmentId={appointmentId} status={s} onMoved={onMoved} />}
    </div>
  );
}

function Rebook({ appointmentId, status: s, onMoved }: { appointmentId: string; status: HostStatus; onMoved: () => Promise<void> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const move = useUpdateAppointment();
  const length = Math.round((Date.parse(s.end) - Date.parse(s.start)) / 60_000);
  const next = useNextFreeTimes(s.boothId, { count: ALTERNATIVES, length });
  const choose = (start: string) =>
    move.mutate(
      { id: appointmentId, change: { action: 'reschedule', start } },
      { onSuccess: () => void onMoved().finally(() => navigate('/appointments')) },
    );
  return (
    <>
      <p>{t('handoff.nobodyFree', { booth: s.boothName })}</p>
      {next?.length === 0 && <p>{t('handoff.noOtherTimes')}</p>}
      <div className="button-row">
        {next?.map((slot) => (
          <button key={slot.start} type="button" className="button button--small" disabled={move.isPending} onClick={() => choose(slot.start)}>
            {t('handoff.moveTo', { time: fmt.dateTime(Date.parse(slot.start)) })}
          </button>
        ))}
      </div>
      <ErrorAlert error={move.error} />
    </>
  );
}
