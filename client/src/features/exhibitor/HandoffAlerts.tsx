import type { Handoff } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../api/auth';
import { endpoints } from '../../api/endpoints';
import { queries } from '../../api/queries';
import { useFormat } from '../../time/useFormat';
import { useOpenMeeting } from '../meeting/useOpenMeeting';

/**
 * For booth staff anywhere in the app: guests waiting in a meeting whose booked colleague has not
 * come, each with one button to take the meeting over and go straight into its room.
 */
export function HandoffAlerts() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const handoffs = useQuery({ ...queries.handoffs(), enabled: user?.role === 'staff' });
  const list = handoffs.data?.handoffs ?? [];
  return (
    <div className="handoffs" aria-live="polite">
      {list.length > 0 && (
        <section aria-label={t('handoff.regionLabel')}>
          {list.map((h) => (
            <HandoffAlert key={h.appointmentId} handoff={h} />
          ))}
        </section>
      )}
    </div>
  );
}

function HandoffAlert({ handoff: h }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const request = useCallback(() => endpoints.takeMeeting(h.appointmentId).then(() => endpoints.join(h.appointmentId)), [h.appointmentId]);
  const { open, busy, error } = useOpenMeeting(request, h.boothName);
  return (
    <div className="handoff card">
      <p>{t('handoff.waiting', { guest: h.guestName, host: h.hostName, booth: h.boothName, time: fmt.time(Date.parse(h.start)) })}</p>
      <button type="button" className="button button--primary button--small" onClick={open} disabled={busy}>
        {t('handoff.take')}
      </button>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </div>
  );
}
