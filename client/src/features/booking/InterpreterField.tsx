import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/languages';
import { languageName } from '../../i18n/regions';

/** "I need an interpreter into …": off (null) or a language; the booth then assigns one of its staff. */
export function InterpreterField({ value, onChange }: { value: string | null; onChange: (language: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  return (
    <div className="interpreter-field">
      <label className="checkbox">
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? i18n.language : null)} />
        {t('booking.needInterpreter')}
      </label>
      {value !== null && (
        <>
          <label htmlFor={selectId}>{t('booking.interpreterLanguage')}</label>
          <select id={selectId} value={value} onChange={(e) => onChange(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code, i18n.language)}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
