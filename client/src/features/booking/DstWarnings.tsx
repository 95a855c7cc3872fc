import type { DstWarningDto } from '@ca/signaling';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../time/useFormat';

/** "Clocks change in Europe/Berlin on 29 March 2026 before this meeting", one line per zone. */
export function DstWarnings({ warnings, className = 'dst-warning' }: { warnings: readonly DstWarningDto[]; className?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map((w) => (
        <span key={`${w.zone}-${w.at}`} className={className}>
          {t('booking.dstWarning', { zone: w.zone, date: fmt.dayLong(w.at, w.zone) })}
        </span>
      ))}
    </>
  );
}
