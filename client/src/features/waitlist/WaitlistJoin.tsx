import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useWaitlist } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFormat } from '../../time/useFormat';

/** Under the booth's free times: wait for a day with none left; told (in the app and by e-mail) when a time frees up. */
export function WaitlistJoin({ boothId, zone, firstDate }: { boothId: string; zone: string; firstDate: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const [date, setDate] = useState(firstDate);
  const { join } = useWaitlist();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    join.mutate({ boothId, body: { date, timeZone: zone } });
  };
  return (
    <form className="waitlist-join" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{t('waitlist.title')}</h3>
      <p className="muted">{t('waitlist.intro')}</p>
      <TextField label={t('waitlist.day')} type="date" min={firstDate} value={date} onChange={(e) => setDate(e.target.value)} />
      <ErrorAlert error={join.error} />
      {join.data && <p role="status">{t('waitlist.joined', { date: fmt.calendarDate(join.data.date) })}</p>}
      <button type="submit" className="button button--small" disabled={join.isPending || !date}>
        {t('waitlist.join')}
      </button>
    </form>
  );
}
