import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages';
import { languageName } from '../i18n/regions';

/** A choice among the languages we speak, each named in the reader's language (interpretation channels). */
export function LanguageSelect({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const { i18n } = useTranslation();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code}>
          {languageName(l.code, i18n.language)}
        </option>
      ))}
    </select>
  );
}
