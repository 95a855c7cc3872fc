import type { Appointment, Presence, UpdateAppointment } from '@ca/signaling';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';

type Props = {
  appointment: Appointment;
  onAction: (change: UpdateAppointment) => Promise<void>;
};

/**
 * How a meeting went: the outcome (from attendance or staff) with who was missing, a staff
 * correction, and on request the attendance itself (when each side came and went, minutes
 * present, connection quality).
 */
export function AppointmentOutcome({ appointment: a, onAction }: Props) {
  const { t } = useTranslation();
  const [attendance, setAttendance] = useState<Appointment['attendance']>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const started = Date.parse(a.start) <= Date.now();
  if (!a.outcome && !(started && a.status === 'confirmed')) return null;

  const show = () => {
    setError(null);
    endpoints.appointment(a.id).then((full) => setAttendance(full.attendance ?? { guest: null, staff: null }), setError);
  };
  const correct = (outcome: 'completed' | 'no_show') => {
    setBusy(true);
    void onAction({ action: 'set_outcome', outcome }).finally(() => setBusy(false));
  };
  const o = a.outcome;

  return (
    <section className="appointment__outcome" aria-label={t('outcome.title')}>
      {o && (
        <p>
          {o.status === 'no_show' ? t(`outcome.missing.${o.missing ?? 'guest'}`) : t('outcome.completed')}{' '}
          <span className="muted">· {t(`outcome.by.${o.decidedBy}`)}</span>
        </p>
      )}
      <div className="button-row">
        {attendance === undefined && (
          <button type="button" className="button button--quiet" onClick={show}>
            {t('outcome.showAttendance')}
          </button>
        )}
        {a.actions.includes('set_outcome') && o && (
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() => correct(o.status === 'no_show' ? 'completed' : 'no_show')}
          >
            {o.status === 'no_show' ? t('outcome.correctToCompleted') : t('outcome.correctToNoShow')}
          </button>
        )}
      </div>
      {attendance && (
        <dl className="times">
          <PresenceRow label={t('outcome.guest', { name: a.guest.name })} presence={attendance.guest} />
          <PresenceRow label={t('outcome.staff')} presence={attendance.staff} />
        </dl>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}

function PresenceRow({ label, presence: p }: { label: string; presence: Presence | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {!p
          ? t('outcome.notJoined')
          : p.leftAt
            ? t('outcome.presence', {
                joined: fmt.time(Date.parse(p.joinedAt)),
                left: fmt.time(Date.parse(p.leftAt)),
                minutes: Math.round(p.seconds / 60),
              })
            : t('outcome.presenceNow', { joined: fmt.time(Date.parse(p.joinedAt)), minutes: Math.round(p.seconds / 60) })}
        {p?.quality && p.quality.rttMs !== null && (
          <span className="muted"> · {t('outcome.quality', { rtt: Math.round(p.quality.rttMs), loss: p.quality.lossPct ?? 0 })}</span>
        )}
      </dd>
    </div>
  );
}
