import type { Appointment } from '@ca/signaling';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../time/useFormat';

/** After a 201: the meeting in both parties' local times, and the way to "My appointments". */
export function BookingConfirmation({ appointment, onAnother }: { appointment: Appointment; onAnother: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { guest, staff } = appointment;
  return (
    <section className="card booking booking--done" role="status" aria-labelledby="booking-done">
      <h2 id="booking-done" ref={heading} tabIndex={-1}>
        {t('booking.requestedTitle')}
      </h2>
      <p>{t('booking.requestedBody', { booth: appointment.boothName })}</p>
      <dl className="times">
        <div>
          <dt>{t('appointments.yourTime')}</dt>
          <dd>
            {fmt.dateTimeRange(appointment.start, appointment.end, guest.timeZone)}{' '}
            <span className="zone" title={guest.timeZone}>
              {fmt.zoneName(guest.timeZone)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('appointments.theirTime', { name: staff.name })}</dt>
          <dd>
            {fmt.dateTimeRange(appointment.start, appointment.end, staff.timeZone)}{' '}
            <span className="zone" title={staff.timeZone}>
              {fmt.zoneName(staff.timeZone)}
            </span>
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <Link className="button button--primary" to="/appointments">
          {t('nav.appointments')}
        </Link>
        <button type="button" className="button button--quiet" onClick={onAnother}>
          {t('booking.bookAnother')}
        </button>
      </div>
    </section>
  );
}
