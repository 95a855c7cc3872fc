import type { Appointment, UpdateAppointment } from '@ca/signaling';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { endpoints } from '../../api/endpoints';
import { useAuth } from '../../api/auth';
import { useErrorText } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';
import { isActive } from './useAppointments';

type Props = {
  appointment: Appointment;
  /** What the meeting room calls this meeting ("Meeting with Wang Fang, Shenzhen Photonics"). */
  title: string;
  onAction: (change: UpdateAppointment) => Promise<void>;
  onReschedule: () => void;
  rescheduling: boolean;
};

/** The buttons `appointment.actions` allows, Join (or when it opens) and the calendar file. */
export function AppointmentActions({ appointment: a, title, onAction, onReschedule, rescheduling }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useAuth();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const can = (action: string) => a.actions.includes(action);
  const upcoming = isActive(a);

  const act = (change: UpdateAppointment) => {
    setBusy(true);
    void onAction(change).finally(() => setBusy(false));
  };

  const join = () => {
    setBusy(true);
    setJoinError(null);
    endpoints
      .join(a.id)
      .then((res) => navigate(res.url, { state: { token: res.token, displayName: user?.name, appointmentId: a.id, title } }))
      .catch((err: unknown) => {
        setBusy(false);
        setJoinError(errorText(err));
      });
  };

  return (
    <div className="appointment__actions">
      <div className="button-row">
        {upcoming &&
          (can('join') ? (
            <button type="button" className="button button--primary" onClick={join} disabled={busy}>
              {t('appointments.join')}
            </button>
          ) : (
            <button type="button" className="button" disabled aria-describedby={`join-hint-${a.id}`}>
              {t('appointments.join')}
            </button>
          ))}
        {can('confirm') && (
          <button type="button" className="button button--primary" onClick={() => act({ action: 'confirm' })} disabled={busy}>
            {t('appointments.accept')}
          </button>
        )}
        {can('decline') && (
          <button type="button" className="button button--quiet" onClick={() => act({ action: 'decline' })} disabled={busy}>
            {t('appointments.decline')}
          </button>
        )}
        {can('reschedule') && (
          <button type="button" className="button button--quiet" onClick={onReschedule} aria-expanded={rescheduling} disabled={busy}>
            {t('appointments.reschedule')}
          </button>
        )}
        {can('cancel') && (
          <button type="button" className="button button--danger-quiet" onClick={() => act({ action: 'cancel' })} disabled={busy}>
            {t('appointments.cancel')}
          </button>
        )}
        {can('complete') && (
          <button type="button" className="button button--quiet" onClick={() => act({ action: 'complete' })} disabled={busy}>
            {t('appointments.complete')}
          </button>
        )}
        {can('no_show') && (
          <button type="button" className="button button--quiet" onClick={() => act({ action: 'no_show' })} disabled={busy}>
            {t('appointments.noShow')}
          </button>
        )}
        <a className="button button--link" href={endpoints.icsUrl(a.id)} download>
          {t('appointments.addToCalendar')}
        </a>
      </div>
      {upcoming && !can('join') && (
        <p id={`join-hint-${a.id}`} className="appointment__hint">
          {t('appointments.joinOpens', { time: fmt.dateTime(a.joinOpensAt) })}
          {a.status === 'requested' && ` ${can('confirm') ? t('appointments.awaitingYourAnswer') : t('appointments.awaitingConfirmation')}`}
        </p>
      )}
      {joinError && (
        <p role="alert" className="alert">
          {joinError}
        </p>
      )}
    </div>
  );
}
