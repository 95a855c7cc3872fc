import type { StaffPublic } from '@ca/signaling';
import { useTranslation } from 'react-i18next';
import { useFormat, useNow } from '../../time/useFormat';

/** The booth's people, each with the time it is for them now ("14:05 in Asia/Shanghai"). */
export function StaffList({ staff }: { staff: StaffPublic[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow(15_000);
  if (staff.length === 0) return <p className="muted">{t('booth.noStaff')}</p>;
  return (
    <ul className="staff-list">
      {staff.map((person) => (
        <li key={person.id} className="staff">
          <span className="staff__avatar" aria-hidden="true">
            {person.name.slice(0, 1)}
          </span>
          <div>
            <p className="staff__name" dir="auto">
              {person.name}
            </p>
            {person.title && (
              <p className="staff__title" dir="auto">
                {person.title}
              </p>
            )}
            <p className="staff__time">{t('booth.localTime', { time: fmt.time(now, person.timeZone), zone: fmt.zoneName(person.timeZone) })}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
