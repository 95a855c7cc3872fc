import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../api/auth';
import { currentLanguage, isLanguage, LANGUAGES, setLanguage } from '../i18n';

/**
 * The language switcher: remembers the choice on this device and, for a signed-in user,
 * saves it as the profile language (which wins on every device they sign in on).
 */
export function LanguagePicker() {
  const { t } = useTranslation();
  const { user, updateProfile } = useAuth();
  const id = useId();
  const change = (value: string) => {
    if (!isLanguage(value)) return;
    setLanguage(value);
    // Best effort: if saving fails the UI still switches; the next sign-in shows the old profile language.
    if (user && user.language !== value) void updateProfile({ language: value }).catch(() => undefined);
  };
  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={currentLanguage()} onChange={(e) => change(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code} dir={l.dir}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
