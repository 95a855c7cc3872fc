import type { WaitlistEntry } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useWaitlist } from '../../api/mutations';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';

/** My appointments: the days I wait for, and a time offered to me (book it in one click before it passes on). */
export function WaitlistSection() {
  const { t } = useTranslation();
  const list = useQuery(queries.waitlist());
  const { accept, leave } = useWaitlist();
  const entries = list.data?.entries ?? [];
  if (entries.length === 0) return null;
  return (
    <section className="appointment-section" aria-label={t('waitlist.mine')}>
      <h2>{t('waitlist.mine')}</h2>
      <ErrorAlert error={accept.error ?? leave.error} />
      <ul className="waitlist">
        {entries.map((e) => (
          <WaitlistItem
            key={e.id}
            entry={e}
            onAccept={() => accept.mutate(e.id)}
            onLeave={() => leave.mutate(e.id)}
            busy={accept.isPending || leave.isPending}
          />
        ))}
      </ul>
    </section>
  );
}

function WaitlistItem({ entry: e, onAccept, onLeave, busy }: { entry: WaitlistEntry; onAccept: () => void; onLeave: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className={e.offer ? 'card waitlist__item waitlist__item--offer' : 'card waitlist__item'}>
      {e.offer ? (
        <p role="status">
          {t('waitlist.offer', {
            booth: e.boothName,
            time: fmt.dateTimeRange(Date.parse(e.offer.start), Date.parse(e.offer.end)),
            until: fmt.time(Date.parse(e.offer.expiresAt)),
          })}
        </p>
      ) : (
        <p>{t('waitlist.waiting', { booth: e.boothName, date: fmt.calendarDate(e.date) })}</p>
      )}
      <div className="button-row">
        {e.offer && (
          <button type="button" className="button button--primary button--small" disabled={busy} onClick={onAccept}>
            {t('waitlist.book')}
          </button>
        )}
        <button type="button" className="button button--quiet button--small" disabled={busy} onClick={onLeave}>
          {t('waitlist.leave')}
        </button>
      </div>
    </li>
  );
}
