import type { AvailabilityDto } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useSaveAvailability } from '../../api/mutations';
import { queries } from '../../api/queries';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffEntry } from '../../api/endpoints';
import { issuesOf } from '../../api/http';
import { ErrorAlert } from '../../components/ErrorAlert';
import { issueText } from '../../components/errorText';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Layout';
import { TimeZoneSelect } from '../../components/RegionSelects';
import { useFormat } from '../../time/useFormat';
import { addDays, todayIn } from '../../time/zones';
import { describePaths, issuesByRow, STANDARD_LENGTHS, toDto, toForm, type AvailabilityForm } from './availabilityForm';
import { DateExceptions } from './DateExceptions';
import { A_MONDAY, WeeklyHours } from './WeeklyHours';

/** The availability of one of the user's staff places: zone, weekly hours, buffer, lengths, exceptions. */
export function AvailabilityEditor({ staff, boothName }: { staff: StaffEntry; boothName: string | undefined }) {
  const { t } = useTranslation();
  const headingId = useId();
  const loaded = useQuery(queries.availability(staff.id));
  const save = useSaveAvailability(staff.id);
  const [form, setForm] = useState<AvailabilityForm | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [saved, setSaved] = useState(false);
  const [sent, setSent] = useState<AvailabilityDto | null>(null);
  const fmt = useFormat();
  const weekdayName = (weekday: number) => fmt.calendarDate(addDays(A_MONDAY, weekday - 1), { weekday: 'long' });
  const describe = (text: string) => (sent ? describePaths(text, sent, weekdayName) : text);

  const reset = useCallback((dto: AvailabilityDto) => setForm(toForm(dto)), []);
  useEffect(() => {
    if (loaded.data) reset(loaded.data);
  }, [loaded.data, reset]);

  const change = (patch: Partial<AvailabilityForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setSaved(false);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const { dto, rows } = toDto(form);
    setSaving(true);
    setSent(dto);
    setError(null);
    setErrors(new Map());
    // Saved: the editor shows the server's copy, and every booth's free times refresh.
    save
      .mutateAsync(dto)
      .then((fresh) => {
        reset(fresh);
        setSaved(true);
      })
      .catch((err: unknown) => {
        setError(err);
        const issues = issuesOf(err).map((i) => ({ path: i.path, message: issueText(t, i) }));
        setErrors(issuesByRow(issues, rows));
      })
      .finally(() => setSaving(false));
  };

  return (
    <section className="card availability" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('exhibitor.availabilityFor', { booth: boothName ?? '…', title: staff.title || t('exhibitor.staff') })}</h3>
      <ErrorAlert error={loaded.error} />
      {!form ? (
        !loaded.error && <Loading />
      ) : (
        <form onSubmit={submit} noValidate className="availability__form">
          <ErrorAlert error={error} describe={describe} />
          <AvailabilityBasics form={form} errors={errors} change={change} />
          <MeetingLengths form={form} errors={errors} change={change} describe={describe} id={`${headingId}-lengths`} />
          <WeeklyHours days={form.days} errors={errors} onChange={(days) => change({ days })} />
          <DateExceptions
            exceptions={form.exceptions}
            errors={errors}
            today={todayIn(form.timeZone)}
            onChange={(exceptions) => change({ exceptions })}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={saving}>
              {t('exhibitor.save')}
            </button>
            {saved && (
              <p role="status" className="success">
                {t('exhibitor.saved')}
              </p>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

type Part = {
  form: AvailabilityForm;
  errors: Map<string, string[]>;
  change: (patch: Partial<AvailabilityForm>) => void;
};

/** Zone, buffer between meetings and group size. */
function AvailabilityBasics({ form, errors, change }: Part) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <TimeZoneSelect
        label={t('auth.timeZone')}
        value={form.timeZone}
        onChange={(timeZone) => change({ timeZone })}
        error={errors.get('timeZone')?.join(' ')}
      />
      <TextField
        label={t('exhibitor.buffer')}
        type="number"
        min={0}
        max={120}
        step={5}
        value={form.bufferMinutes}
        onChange={(e) => change({ bufferMinutes: e.target.value })}
        hint={t('exhibitor.bufferHint')}
        error={errors.get('bufferMinutes')?.join(' ')}
      />
      <TextField
        label={t('exhibitor.groupSize')}
        type="number"
        min={1}
        max={10}
        step={1}
        value={form.groupSize}
        onChange={(e) => change({ groupSize: e.target.value })}
        hint={t('exhibitor.groupSizeHint')}
        error={errors.get('groupSize')?.join(' ')}
      />
    </div>
  );
}

/** The meeting lengths offered (the standard ones and any already chosen), with their error. */
function MeetingLengths({ form, errors, change, describe, id }: Part & { describe: (text: string) => string; id: string }) {
  const { t } = useTranslation();
  const lengths = [...new Set([...STANDARD_LENGTHS, ...form.meetingLengths])].sort((a, b) => a - b);
  return (
    <fieldset className="lengths" aria-describedby={errors.has('meetingLengths') ? id : undefined}>
      <legend>{t('exhibitor.lengths')}</legend>
      <div className="lengths__options">
        {lengths.map((minutes) => (
          <label key={minutes} className="check">
            <input
              type="checkbox"
              checked={form.meetingLengths.includes(minutes)}
              onChange={(e) =>
                change({
                  meetingLengths: e.target.checked ? [...form.meetingLengths, minutes] : form.meetingLengths.filter((m) => m !== minutes),
                })
              }
            />
            {t('booking.minutes', { count: minutes })}
          </label>
        ))}
      </div>
      {errors.has('meetingLengths') && (
        <p id={id} className="field__error">
          {describe(errors.get('meetingLengths')?.join(' ') ?? '')}
        </p>
      )}
    </fieldset>
  );
}
