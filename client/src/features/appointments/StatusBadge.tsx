import type { AppointmentStatus } from '@ca/signaling';
import { useTranslation } from 'react-i18next';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return <span className={`appt-status appt-status--${status}`}>{t(`appointments.status.${status}`)}</span>;
}
