import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useBookAppointment } from '../../api/mutations';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat, useTimeZone } from '../../time/useFormat';

/** How many booked times a waiting guest is offered. */
const OFFERS = 3;

/** For a long wait in a booth's lobby: its next free times, in the guest's zone, each booked in one click (then the guest leaves the line). */
export function BookInstead({ boothId, onBooked }: { boothId: string; onBooked: () => Promise<void> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zone = useTimeZone();
  const navigate = useNavigate();
  const book = useBookAppointment();
  // Fixed once: a new `from` each render would be a new query each render.
  const [from] = useState(() => Date.now() - (Date.now() % 60_000));
  const slots = useQuery(queries.slots(boothId, { from: new Date(from).toISOString(), to: new Date(from + 7 * 86_400_000).toISOString(), zone }));
  const next = (slots.data?.slots ?? []).slice(0, OFFERS);
  if (!slots.data || next.length === 0) return null;
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
