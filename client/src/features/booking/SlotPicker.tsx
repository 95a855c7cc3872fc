import type { CompactSlot } from '@ca/signaling';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../../api/queries';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../time/useFormat';
import { addDays, startOfDay, wallClock } from '../../time/zones';
import { DstWarnings } from './DstWarnings';
import { SlotOption } from './SlotOption';

/** Days shown at once. */
const DAYS = 7;
const WEEKDAY_DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };

export type SlotPickerProps = {
  boothId: string;
  /** Meeting length in minutes; the booth's shortest when undefined. */
  lengthMinutes: number | undefined;
  /** One representative, or any available one when undefined. */
  staffId: string | undefined;
  /** The guest's zone: slots are grouped by its days and named by its wall times. */
  zone: string;
  /** First and last local dates that can be shown (today / the event's dates). */
  firstDate: string;
  lastDate: string | undefined;
  selected: string | null;
  onSelect: (slot: CompactSlot | null) => void;
};

/** The free times of a booth for a run of days, as one radio group grouped by day. */
export function SlotPicker(props: SlotPickerProps) {
  const { boothId, lengthMinutes, staffId, zone, firstDate, lastDate, selected, onSelect } = props;
  const { t } = useTranslation();
  const fmt = useFormat();
  const headingId = useId();
  const groupName = useId();
  const [rangeStart, setRangeStart] = useState(firstDate);
  useEffect(() => setRangeStart(firstDate), [firstDate]);
  const rangeEnd = addDays(rangeStart, DAYS - 1);

  const slots = useQuery({
    ...queries.slots(boothId, {
      from: new Date(startOfDay(rangeStart, zone)).toISOString(),
      to: new Date(startOfDay(addDays(rangeStart, DAYS), zone)).toISOString(),
      ...(lengthMinutes !== undefined && { length: lengthMinutes }),
      ...(staffId !== undefined && { staffId }),
      zone,
    }),
    // While the next week loads, the picker keeps this week's times on screen (marked busy).
    placeholderData: keepPreviousData,
  });

  const days = useMemo(() => {
    const byDate = new Map<string, CompactSlot[]>();
    for (const slot of slots.data?.slots ?? []) {
      // The guest's calendar day of the slot, by Intl in the zone the slots were asked for.
      const date = wallClock(Date.parse(slot.start), zone).date;
      byDate.set(date, [...(byDate.get(date) ?? []), slot]);
    }
    return Array.from({ length: DAYS }, (_, i) => addDays(rangeStart, i)).map((date) => ({ date, slots: byDate.get(date) ?? [] }));
  }, [slots.data, rangeStart, zone]);

  // One day's times at a time: the chosen one, else the first day with free times.
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const day = days.find((d) => d.date === chosenDay && d.slots.length > 0) ?? days.find((d) => d.slots.length > 0);

  // A selection that is no longer offered (taken, other length or rep) is dropped.
  useEffect(() => {
    if (selected && slots.data && !slots.data.slots.some((s) => s.start === selected)) onSelect(null);
  }, [selected, slots.data, onSelect]);

  const move = (days: number) => {
    setRangeStart((d) => addDays(d, days));
    setChosenDay(null);
    onSelect(null);
  };
  const total = slots.data?.slots.length ?? 0;
  // Two slots with the same local time on one day (a fall-back night) are told apart by their UTC offset.
  const shown = (day?.slots ?? []).map((slot) => fmt.time(slot.start, zone));
  const repeatedTimes = new Set(shown.filter((label, i) => shown.indexOf(label) !== i));

  return (
    <div className="slot-picker">
      <RangeNav
        label={fmt.calendarRange(rangeStart, rangeEnd)}
        onBack={rangeStart > firstDate ? () => move(-DAYS) : undefined}
        onNext={lastDate === undefined || addDays(rangeStart, DAYS) <= lastDate ? () => move(DAYS) : undefined}
      />
      <p className="slot-picker__zone muted">{t('booking.timesIn', { zone: fmt.zoneName(zone) })}</p>
      <ErrorAlert error={slots.error} />
      {total > 0 && <DayStrip days={days} chosen={day?.date} onChoose={setChosenDay} />}
      <div
        role="radiogroup"
        aria-labelledby={headingId}
        aria-describedby={day ? `${headingId}-day` : undefined}
        aria-busy={slots.isFetching}
        className="slot-day"
      >
        <div className="slot-day__head">
          <h3 id={headingId} className="slot-picker__title">
            {t('booking.availableTimes')}
          </h3>
          {day && (
            <p id={`${headingId}-day`} className="slot-day__title">
              {fmt.calendarDate(day.date, WEEKDAY_DAY)}
            </p>
          )}
        </div>
        {slots.isPending && <p className="muted">{t('booking.loadingSlots')}</p>}
        {slots.data && total === 0 && <p className="empty">{t('booking.noSlots')}</p>}
        {day && <DayDstNotice slots={day.slots} />}
        {day && (
          <div className="slot-grid">
            {day.slots.map((slot) => (
              <SlotOption
                key={slot.start}
                slot={slot}
                name={groupName}
                zone={zone}
                checked={selected === slot.start}
                onSelect={onSelect}
                repeated={repeatedTimes.has(fmt.time(slot.start, zone))}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

/** The clock changes ahead of a day's slots, each said once above them. */
function DayDstNotice({ slots }: { slots: CompactSlot[] }) {
  const warnings = [...new Map(slots.flatMap((s) => s.dstWarnings).map((w) => [`${w.zone}|${w.at}`, w])).values()];
  if (warnings.length === 0) return null;
  return (
    <p className="dst-notice">
      <DstWarnings warnings={warnings} />
    </p>
  );
}

/** Previous and next days, with the range shown between (announced when it changes). */
function RangeNav({ label, onBack, onNext }: { label: string; onBack: (() => void) | undefined; onNext: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="slot-nav">
      <button type="button" className="button button--quiet button--small" onClick={onBack} disabled={!onBack}>
        {t('booking.previousDays')}
      </button>
      <p className="slot-nav__range" aria-live="polite">
        {label}
      </p>
      <button type="button" className="button button--quiet button--small" onClick={onNext} disabled={!onNext}>
        {t('booking.nextDays')}
      </button>
    </div>
  );
}

/** The days of the range, each with how many free times it has; one is shown below. */
function DayStrip({
  days,
  chosen,
  onChoose,
}: {
  days: Array<{ date: string; slots: CompactSlot[] }>;
  chosen: string | undefined;
  onChoose: (date: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="day-strip" role="group" aria-label={t('booking.days')}>
      {days.map((d) => (
        <button
          key={d.date}
          type="button"
          className="day-strip__day"
          aria-pressed={d.date === chosen}
          disabled={d.slots.length === 0}
          onClick={() => onChoose(d.date)}
        >
          <span className="day-strip__name">{fmt.calendarDate(d.date, { weekday: 'short' })}</span>
          <span className="day-strip__date">{fmt.calendarDate(d.date, DAY_MONTH)}</span>
          <span className="day-strip__count">
            {d.slots.length > 0 ? t('booking.freeCount', { count: d.slots.length }) : t('booking.noSlotsThatDay')}
          </span>
        </button>
      ))}
    </div>
  );
}
