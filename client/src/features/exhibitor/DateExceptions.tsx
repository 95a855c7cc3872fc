import { useTranslation } from 'react-i18next';
import { newRange, rowKey, type ExceptionRow } from './availabilityForm';
import { RangeInputs } from './RangeInputs';

type Props = { exceptions: ExceptionRow[]; errors: Map<string, string[]>; today: string; onChange: (rows: ExceptionRow[]) => void };

/** Dates that differ from the week: off all day, or other hours. */
export function DateExceptions({ exceptions, errors, today, onChange }: Props) {
  const { t } = useTranslation();
  const set = (key: string, change: Partial<ExceptionRow>) => onChange(exceptions.map((e) => (e.key === key ? { ...e, ...change } : e)));
  return (
    <fieldset className="exceptions">
      <legend>{t('exhibitor.exceptions')}</legend>
      <p className="field__hint">{t('exhibitor.exceptionsHint')}</p>
      {exceptions.map((row) => {
        const rowErrors = errors.get(row.key);
        const context = row.date || t('exhibitor.date');
        return (
          <div key={row.key} className="exception">
            <div className="exception__head">
              <label className="inline-field">
                <span>{t('exhibitor.date')}</span>
                <input
                  type="date"
                  value={row.date}
                  min={today}
                  onChange={(e) => set(row.key, { date: e.target.value })}
                  aria-invalid={rowErrors ? true : undefined}
                  required
                />
              </label>
              <label className="check">
                <input type="checkbox" checked={row.unavailable} onChange={(e) => set(row.key, { unavailable: e.target.checked })} />
                {t('exhibitor.unavailableAllDay')}
              </label>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => onChange(exceptions.filter((e) => e.key !== row.key))}
                aria-label={t('exhibitor.removeException', { day: context })}
              >
                {t('exhibitor.remove')}
              </button>
            </div>
            {rowErrors && <p className="field__error">{rowErrors.join(' ')}</p>}
            {!row.unavailable && (
              <div className="exception__ranges">
                {row.ranges.map((range, r) => (
                  <RangeInputs
                    key={range.key}
                    range={range}
                    context={context}
                    errors={errors.get(range.key)}
                    onChange={(next) => set(row.key, { ranges: row.ranges.map((x, i) => (i === r ? next : x)) })}
                    onRemove={row.ranges.length > 1 ? () => set(row.key, { ranges: row.ranges.filter((_, i) => i !== r) }) : undefined}
                  />
                ))}
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => set(row.key, { ranges: [...row.ranges, newRange('13:00', '17:00')] })}
                >
                  {t('exhibitor.addRange')}
                </button>
              </div>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className="button button--quiet"
        onClick={() => onChange([...exceptions, { key: rowKey(), date: today, unavailable: true, ranges: [newRange()] }])}
      >
        {t('exhibitor.addException')}
      </button>
    </fieldset>
  );
}
