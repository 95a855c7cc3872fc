import type { Appointment, Booth, ExpoEvent, CompactSlot } from '@ca/signaling';
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useBookAppointment } from '../../api/mutations';
import { ApiError } from '../../api/http';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, TextAreaField } from '../../components/fields';
import { useTimeZone } from '../../time/useFormat';
import { addDays, todayIn } from '../../time/zones';
import { BookingConfirmation } from './BookingConfirmation';
import { WaitlistJoin } from '../waitlist/WaitlistJoin';
import { InterpreterField } from './InterpreterField';
import { SlotPicker } from './SlotPicker';

/** "Book a meeting" on a booth page: length, representative, a free time, a note, Book. */
export function BookingSection({ booth, event }: { booth: Booth; event: ExpoEvent | undefined }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const zone = useTimeZone();
  const navigate = useNavigate();
  const location = useLocation();
  const headingId = useId();

  const [staffId, setStaffId] = useState('');
  const lengths = useMemo(() => {
    const staff = staffId ? booth.staff.filter((s) => s.id === staffId) : booth.staff;
    return [...new Set(staff.flatMap((s) => s.meetingLengths))].sort((a, b) => a - b);
  }, [booth.staff, staffId]);
  const [chosenLength, setChosenLength] = useState<number | undefined>(undefined);
  const length = chosenLength !== undefined && lengths.includes(chosenLength) ? chosenLength : lengths[0];

  const [slot, setSlot] = useState<CompactSlot | null>(null);
  const [note, setNote] = useState('');
  const [interpreter, setInterpreter] = useState<string | null>(null);
  const book = useBookAppointment();
  const [error, setError] = useState<unknown>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const select = useCallback((s: CompactSlot | null) => setSlot(s), []);

  const today = todayIn(zone);
  const firstDate = event && addDays(event.startsOn, -1) > today ? addDays(event.startsOn, -1) : today;
  const lastDate = event ? addDays(event.endsOn, 1) : undefined;
  const ownBooth = user?.boothIds.includes(booth.id) ?? false;

  if (booked) return <BookingConfirmation appointment={booked} onAnother={() => setBooked(null)} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!user) {
      navigate('/login', { state: { from: location } });
      return;
    }
    if (!slot) {
      setError(new ApiError({ status: 0, code: 'BAD_REQUEST', message: t('booking.pickTime') }));
      return;
    }
    setError(null);
    // The booth's free times refresh after either answer (a 409 means the time was just taken).
    book
      .mutateAsync({
        boothId: booth.id,
        start: slot.start,
        lengthMinutes: length,
        ...(staffId ? { staffId } : {}),
        guestZone: zone,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(interpreter ? { interpreterLanguage: interpreter } : {}),
      })
      .then((appointment) => {
        setBooked(appointment);
        setSlot(null);
        setNote('');
      })
      .catch((err: unknown) => {
        setError(err);
        if (err instanceof ApiError && err.status === 409) setSlot(null);
      });
  };

  return (
    <section className="card booking" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('booking.title')}</h2>
      {lengths.length === 0 || length === undefined ? (
        <p className="empty">{t('booking.noAppointments')}</p>
      ) : (
        <form onSubmit={submit} className="booking__form" noValidate>
          <LengthAndRep lengths={lengths} length={length} onLength={setChosenLength} staff={booth.staff} staffId={staffId} onStaff={setStaffId} />
          <SlotPicker
            boothId={booth.id}
            lengthMinutes={length}
            staffId={staffId || undefined}
            zone={zone}
            firstDate={firstDate}
            lastDate={lastDate}
            selected={slot?.start ?? null}
            onSelect={select}
          />
          <TextAreaField
            label={t('booking.note')}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            hint={t('booking.noteHint')}
          />
          <InterpreterField value={interpreter} onChange={setInterpreter} />
          <ErrorAlert error={error} />
          <BookButton ownBooth={ownBooth} busy={book.isPending} signedIn={user !== null} />
        </form>
      )}
      {user?.role === 'guest' && !ownBooth && lengths.length > 0 && <WaitlistJoin boothId={booth.id} zone={zone} firstDate={firstDate} />}
    </section>
  );
}

/** Meeting length and representative ("any available rep" by default). */
function LengthAndRep(props: {
  lengths: number[];
  length: number;
  onLength: (minutes: number) => void;
  staff: Booth['staff'];
  staffId: string;
  onStaff: (staffId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <SelectField label={t('booking.length')} value={String(props.length)} onChange={(e) => props.onLength(Number(e.target.value))}>
        {props.lengths.map((minutes) => (
          <option key={minutes} value={minutes}>
            {t('booking.minutes', { count: minutes })}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('booking.representative')} value={props.staffId} onChange={(e) => props.onStaff(e.target.value)}>
        <option value="">{t('booking.anyRep')}</option>
        {props.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title ? `${s.name} · ${s.title}` : s.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Book (or why not: the user's own booth; signing in comes first). */
function BookButton({ ownBooth, busy, signedIn }: { ownBooth: boolean; busy: boolean; signedIn: boolean }) {
  const { t } = useTranslation();
  if (ownBooth) return <p className="muted">{t('booking.ownBooth')}</p>;
  return (
    <div className="booking__submit">
      <button type="submit" className="button button--primary button--large" disabled={busy}>
        {t('booking.book')}
      </button>
      {!signedIn && <p className="muted">{t('booking.signInFirst')}</p>}
    </div>
  );
}
