import { useMemo, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { byName, COUNTRY_CODES, countryName } from '../i18n/regions';
import { offsetMinutes, supportedZones } from '../time/zones';
import { SelectField } from './fields';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
};

/** A country by ISO code, names in the UI language. */
export function CountrySelect({ label, value, onChange, error, hint, ...rest }: SelectProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const options = useMemo(() => {
    const codes = value && !(COUNTRY_CODES as readonly string[]).includes(value) ? [...COUNTRY_CODES, value] : COUNTRY_CODES;
    return byName(codes, (code) => countryName(code, locale), locale);
  }, [locale, value]);
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint} {...rest}>
      <option value="">{t('common.choose')}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

function offsetLabel(zone: string, now: number): string {
  const minutes = offsetMinutes(now, zone);
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An IANA zone from the runtime's list, grouped by region, each with its current UTC offset. */
export function TimeZoneSelect({ label, value, onChange, error, hint, ...rest }: SelectProps) {
  const groups = useMemo(() => {
    const now = Date.now();
    const byRegion = new Map<string, { zone: string; label: string }[]>();
    for (const zone of supportedZones(value)) {
      const region = zone.includes('/') ? (zone.split('/')[0] ?? zone) : 'UTC';
      const list = byRegion.get(region) ?? [];
      list.push({ zone, label: `${zone.replaceAll('_', ' ')} (${offsetLabel(zone, now)})` });
      byRegion.set(region, list);
    }
    return [...byRegion.entries()];
  }, [value]);
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint} {...rest}>
      {groups.map(([region, zones]) => (
        <optgroup key={region} label={region}>
          {zones.map((z) => (
            <option key={z.zone} value={z.zone}>
              {z.label}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
