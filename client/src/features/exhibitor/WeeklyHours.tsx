import { useTranslation } from 'react-i18next';
import { useFormat } from '../../time/useFormat';
import { addDays } from '../../time/zones';
import { newRange, type RangeRow } from './availabilityForm';
import { RangeInputs } from './RangeInputs';

/** 1 January 2024 was a Monday: weekday names come from the days after it. */
export const A_MONDAY = '2024-01-01';

type Props = { days: RangeRow[][]; errors: Map<string, string[]>; onChange: (days: RangeRow[][]) => void };

/** One row per weekday with its time ranges (none = not available that day). */
export function WeeklyHours({ days, errors, onChange }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const setDay = (index: number, ranges: RangeRow[]) => onChange(days.map((d, i) => (i === index ? ranges : d)));
  return (
    <fieldset className="weekly">
      <legend>{t('exhibitor.weeklyHours')}</legend>
      {days.map((ranges, index) => {
        const name = fmt.calendarDate(addDays(A_MONDAY, index), { weekday: 'long' });
        return (
          <div key={name} className="weekday">
            <span className="weekday__name">{name}</span>
            <div className="weekday__ranges">
              {ranges.length === 0 && <span className="muted">{t('exhibitor.unavailable')}</span>}
              {ranges.map((range, r) => (
                <RangeInputs
                  key={range.key}
                  range={range}
                  context={name}
                  errors={errors.get(range.key)}
                  onChange={(next) =>
                    setDay(
                      index,
                      ranges.map((x, i) => (i === r ? next : x)),
                    )
                  }
                  onRemove={() =>
                    setDay(
                      index,
                      ranges.filter((_, i) => i !== r),
                    )
                  }
                />
              ))}
            </div>
            <button
              type="button"
              className="button button--quiet button--small weekday__add"
              onClick={() => {
                const last = ranges[ranges.length - 1];
                setDay(index, [...ranges, last ? newRange(last.end, last.end < '23:00' ? '23:00' : '00:00') : newRange()]);
              }}
              aria-label={t('exhibitor.addRangeFor', { day: name })}
            >
              {t('exhibitor.addRange')}
            </button>
          </div>
        );
      })}
    </fieldset>
  );
}
