import { useTranslation } from 'react-i18next';
import type { RangeRow } from './availabilityForm';

type Props = {
  range: RangeRow;
  /** Names the row for screen readers, e.g. "Monday" or a date. */
  context: string;
  errors: string[] | undefined;
  onChange: (range: RangeRow) => void;
  onRemove: (() => void) | undefined;
};

/** "09:00 – 17:00 [Remove]", with the server's complaints about this range under it. */
export function RangeInputs({ range, context, errors, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const errorId = `${range.key}-error`;
  const described = errors?.length ? errorId : undefined;
  return (
    <div className="range">
      <div className="range__inputs">
        <input
          type="time"
          step={300}
          value={range.start}
          aria-label={t('exhibitor.from', { day: context })}
          aria-invalid={described ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange({ ...range, start: e.target.value })}
          required
        />
        <span aria-hidden="true">–</span>
        <input
          type="time"
          step={300}
          value={range.end}
          aria-label={t('exhibitor.until', { day: context })}
          aria-invalid={described ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange({ ...range, end: e.target.value })}
          required
        />
        {onRemove && (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={onRemove}
            aria-label={t('exhibitor.removeRange', { day: context, start: range.start, end: range.end })}
          >
            {t('exhibitor.remove')}
          </button>
        )}
      </div>
      {described && (
        <p id={errorId} className="field__error">
          {errors?.join(' ')}
        </p>
      )}
    </div>
  );
}
