import type { Appointment, UpdateAppointment } from '@ca/signaling';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';
import { DstWarnings } from '../booking/DstWarnings';
import { AppointmentActions } from './AppointmentActions';
import { AppointmentOutcome } from './AppointmentOutcome';
import { AppointmentRecordings } from './AppointmentRecordings';
import { ContactCardShare } from './ContactCardShare';
import { InterpreterLine } from './InterpreterLine';
import { Reschedule } from './Reschedule';
import { StatusBadge } from './StatusBadge';

type Props = {
  appointment: Appointment;
  onUpdate: (id: string, change: UpdateAppointment) => Promise<Appointment>;
};

/** One meeting: booth, the other person, status, both local times, and what the viewer may do. */
export function AppointmentCard({ appointment: a, onUpdate }: Props) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const fmt = useFormat();
  const [rescheduling, setRescheduling] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const asGuest = a.guest.id === user?.id;
  const other = asGuest ? a.staff : a.guest;
  const label = asGuest
    ? t('appointments.meetingWithRep', { name: a.staff.name || a.boothName, booth: a.boothName })
    : t('appointments.meetingWith', { name: a.guest.name || a.boothName });

  const run = (change: UpdateAppointment) => {
    setError(null);
    return onUpdate(a.id, change).then(
      () => setRescheduling(false),
      (err: unknown) => setError(err),
    );
  };

  return (
    <article className={`appointment appointment--${a.status}`} aria-label={label}>
      <header className="appointment__header">
        <div>
          <h3 className="appointment__booth" dir="auto">
            {a.boothName}
          </h3>
          <p className="appointment__with">
            {asGuest ? t('appointments.withRep', { name: a.staff.name }) : t('appointments.withGuest', { name: a.guest.name })}
            {asGuest && a.anyRep && <span className="muted"> · {t('appointments.anyRepAssigned')}</span>}
          </p>
        </div>
        <StatusBadge status={a.status} />
      </header>
      <dl className="times">
        <div>
          <dt>{t('appointments.yourTime')}</dt>
          <dd>
            {fmt.dateTimeRange(a.start, a.end)}{' '}
            <span className="zone" title={fmt.zone}>
              {fmt.zoneName()}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('appointments.theirTime', { name: other.name })}</dt>
          <dd>
            {fmt.dateTimeRange(a.start, a.end, other.timeZone)}{' '}
            <span className="zone" title={other.timeZone}>
              {fmt.zoneName(other.timeZone)}
            </span>
          </dd>
        </div>
      </dl>
      {a.dstWarnings.length > 0 && (
        <p className="appointment__dst">
          <DstWarnings warnings={a.dstWarnings} />
        </p>
      )}
      {a.note && (
        <p className="appointment__note">
          <span className="muted">{t('appointments.note')}</span> <bdi>{a.note}</bdi>
        </p>
      )}
      {!asGuest && a.connectionTest && (
        <p className="appointment__note">
          {t('outcome.connectionTest', {
            time: fmt.dateTime(Date.parse(a.connectionTest.testedAt)),
            udp: t(`connectionCheck.result.${a.connectionTest.udp}`),
            tcp: t(`connectionCheck.result.${a.connectionTest.tcp}`),
          })}
        </p>
      )}
      <InterpreterLine appointment={a} asStaff={!asGuest} />
      <AppointmentActions appointment={a} title={label} onAction={run} onReschedule={() => setRescheduling((r) => !r)} rescheduling={rescheduling} />
      <AppointmentOutcome appointment={a} onAction={run} />
      {(a.status === 'confirmed' || a.status === 'completed') && <AppointmentRecordings appointmentId={a.id} />}
      {asGuest && (a.status === 'confirmed' || a.status === 'completed') && <ContactCardDetails appointmentId={a.id} boothName={a.boothName} />}
      <ErrorAlert error={error} />
      {rescheduling && <Reschedule appointment={a} onMove={(start) => run({ action: 'reschedule', start })} onClose={() => setRescheduling(false)} />}
    </article>
  );
}

/** The contact card behind a disclosure: loaded when opened. */
function ContactCardDetails({ appointmentId, boothName }: { appointmentId: string; boothName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="appointment__contact-card" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('contactCard.summary')}</summary>
      {open && <ContactCardShare appointmentId={appointmentId} boothName={boothName} />}
    </details>
  );
}
