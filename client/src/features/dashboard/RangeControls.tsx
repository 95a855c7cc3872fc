import { useTranslation } from 'react-i18next';
import type { AnalyticsRange } from '../../api/endpoints';
import { TextField } from '../../components/fields';

/**
 * The days a dashboard counts: two date fields (applied when both make a range), a reset to the
 * event's days, and the CSV download of what is shown.
 */
export function RangeControls({
  range,
  shown,
  onChange,
  csvHref,
}: {
  range: AnalyticsRange;
  /** The days the numbers on screen cover: what the fields show until the user types their own. */
  shown: { from: string; to: string } | undefined;
  onChange: (range: AnalyticsRange) => void;
  csvHref: string;
}) {
  const { t } = useTranslation();
  const reversed = range.from !== undefined && range.to !== undefined && range.to < range.from;
  // Editing one field keeps the other at what is shown, so one change makes a complete range.
  const set = (patch: AnalyticsRange) => onChange({ from: range.from ?? shown?.from, to: range.to ?? shown?.to, ...range, ...patch });
  return (
    <div className="range-controls">
      <TextField
        label={t('dashboard.from')}
        type="date"
        value={range.from ?? shown?.from ?? ''}
        onChange={(e) => set({ from: e.target.value || undefined })}
      />
      <TextField
        label={t('dashboard.to')}
        type="date"
        value={range.to ?? shown?.to ?? ''}
        error={reversed ? t('dashboard.rangeReversed') : undefined}
        onChange={(e) => set({ to: e.target.value || undefined })}
      />
      <button type="button" className="button button--quiet button--small" onClick={() => onChange({ timeZone: range.timeZone })}>
        {t('dashboard.eventDays')}
      </button>
      <a className="button button--quiet button--small" href={csvHref} download>
        {t('dashboard.downloadCsv')}
      </a>
    </div>
  );
}

/** Asked for only when complete (both dates, in order) or reset (neither): meanwhile the last good range stays shown. */
export function validRange(range: AnalyticsRange): boolean {
  if (range.from === undefined && range.to === undefined) return true;
  return range.from !== undefined && range.to !== undefined && range.from <= range.to;
}
