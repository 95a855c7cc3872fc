import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useBookAppointment } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat, useTimeZone } from '../../time/useFormat';
import { useNextFreeTimes } from '../booking/useNextFreeTimes';

/** How many booked times a waiting guest is offered. */
const OFFERS = 3;

/** For a long wait in a booth's lobby: its next free times, in the guest's zone, each booked in one click (then the guest leaves the line). */
export function BookInstead({ boothId, onBooked }: { boothId: string; onBooked: () => Promise<void> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zone = useTimeZone();
  const navigate = useNavigate();
  const book = useBookAppointment();
  const next = useNextFreeTimes(boothId, { count: OFFERS, zone });
  if (!next || next.length === 0) return null;
  const choose = (start: string) =>
    book.mutate({ boothId, start, guestZone: zone }, { onSuccess: () => void onBooked().finally(() => navigate('/appointments')) });
  return (
    <div className="lobby-wait__instead">
      <p>{t('lobbyWait.bookInstead')}</p>
      <div className="button-row">
        {next.map((slot) => (
          <button key={slot.start} type="button" className="button button--small" disabled={book.isPending} onClick={() => choose(slot.start)}>
            {t('lobbyWait.bookAt', { time: fmt.dateTime(Date.parse(slot.start)) })}
          </button>
        ))}
      </div>
      <ErrorAlert error={book.error} />
    </div>
  );
}
