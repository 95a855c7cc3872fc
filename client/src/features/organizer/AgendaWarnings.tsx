import type { AgendaWarningDto } from '@ca/signaling';
import { useTranslation } from 'react-i18next';

const KNOWN = ['stage_overlap', 'speaker_overlap', 'outside_event'] as const;

/** The agenda's conflicts, worded in the user's language from each warning's kind and talk titles. */
export function AgendaWarnings({ warnings, heading, role }: { warnings: AgendaWarningDto[]; heading: string; role?: 'alert' }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <div role={role} className="alert alert--warning">
      <p>{heading}</p>
      <ul className="alert__list">
        {warnings.map((w, i) => {
          const [a = '', b = ''] = w.titles;
          const kind = KNOWN.find((k) => k === w.kind);
          return <li key={`${i}-${w.kind}`}>{kind ? t(`organizer.warning.${kind}`, { a, b }) : t('organizer.warning.other', { a })}</li>;
        })}
      </ul>
    </div>
  );
}
