import type { Booth } from '@ca/signaling';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields';
import { byName, countryName, languageName } from '../../i18n/regions';

export type ExpoFilter = { q: string; tag: string; language: string; country: string };

type Props = {
  /** Every booth of the event: the options come from them. */
  booths: Booth[];
  filter: ExpoFilter;
  search: string;
  onSearch: (q: string) => void;
  onChange: (change: Partial<ExpoFilter>) => void;
};

/** Search and the tag / language / country selects; options are what the booths offer. */
export function ExpoFilters({ booths, filter, search, onSearch, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const options = useMemo(() => {
    const unique = (values: string[]) => [...new Set(values)];
    return {
      tags: unique(booths.flatMap((b) => b.tags)).sort((a, b) => a.localeCompare(b, locale)),
      languages: byName(unique(booths.flatMap((b) => b.languages)), (c) => languageName(c, locale), locale),
      countries: byName(unique(booths.map((b) => b.country)), (c) => countryName(c, locale), locale),
    };
  }, [booths, locale]);

  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <TextField
        className="filters__search"
        label={t('expo.search')}
        type="search"
        value={search}
        placeholder={t('expo.searchPlaceholder')}
        onChange={(e) => onSearch(e.target.value)}
      />
      <SelectField label={t('expo.tag')} value={filter.tag} onChange={(e) => onChange({ tag: e.target.value })}>
        <option value="">{t('expo.allTags')}</option>
        {options.tags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('expo.language')} value={filter.language} onChange={(e) => onChange({ language: e.target.value })}>
        <option value="">{t('expo.allLanguages')}</option>
        {options.languages.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('expo.countryFilter')} value={filter.country} onChange={(e) => onChange({ country: e.target.value })}>
        <option value="">{t('expo.allCountries')}</option>
        {options.countries.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </SelectField>
    </form>
  );
}
