import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields';
import { CountrySelect, TimeZoneSelect } from '../../components/RegionSelects';

export type AccountValues = { name: string; email: string; password: string; timeZone: string; country: string };

/** The fields of an account an organizer creates (staff member or organizer); `extra` sits beside the name. */
export function AccountFields({
  values,
  errors,
  onChange,
  extra,
}: {
  values: AccountValues;
  errors: Partial<Record<string, string>>;
  onChange: (patch: Partial<AccountValues>) => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-row">
        <TextField
          label={t('auth.name')}
          value={values.name}
          onChange={(ev) => onChange({ name: ev.target.value })}
          error={errors['name']}
          required
        />
        {extra}
      </div>
      <div className="form-row">
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="off"
          value={values.email}
          onChange={(ev) => onChange({ email: ev.target.value })}
          error={errors['email']}
          required
        />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(ev) => onChange({ password: ev.target.value })}
          hint={t('auth.passwordHint')}
          error={errors['password']}
          required
        />
      </div>
      <div className="form-row">
        <TimeZoneSelect
          label={t('auth.timeZone')}
          value={values.timeZone}
          onChange={(timeZone) => onChange({ timeZone })}
          error={errors['timeZone']}
        />
        <CountrySelect
          label={t('auth.country')}
          value={values.country}
          onChange={(country) => onChange({ country })}
          error={errors['country']}
          required
        />
      </div>
    </>
  );
}
