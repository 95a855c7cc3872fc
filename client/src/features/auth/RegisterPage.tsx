import type { RegisterRequest } from '@ca/signaling';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { issuesOf } from '../../api/http';
import { useAuth } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { issueText } from '../../components/errorText';
import { SelectField, TextField } from '../../components/fields';
import { CountrySelect, TimeZoneSelect } from '../../components/RegionSelects';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage, LANGUAGES, type Language } from '../../i18n';
import { browserCountry } from '../../i18n/regions';
import { browserZone } from '../../time/zones';
import { returnTarget } from './returnTo';

type Form = Required<RegisterRequest>;
type FieldName = keyof Form;

/** `/register`: a guest account with the country, language and zone times are shown in. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.registerTitle'));
  const { state, register } = useAuth();
  const location = useLocation();
  const [form, setForm] = useState<Form>(() => ({
    name: '',
    email: '',
    password: '',
    country: browserCountry() ?? '',
    language: currentLanguage() satisfies Language,
    timeZone: browserZone(),
  }));
  const [busy, setBusy] = useState(false);
  /** The address a confirmation link went to (or, if it has an account, a note saying so). */
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const target = returnTarget(location.state);

  if (state.status === 'signedIn' && !busy) return <Navigate to={target.to} state={target.state} replace />;

  const set = (name: FieldName) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const validate = (): Partial<Record<FieldName, string>> => {
    const errors: Partial<Record<FieldName, string>> = {};
    if (!form.name.trim()) errors.name = t('auth.nameRequired');
    if (!/^\S+@\S+\.\S+$/.test(form.email.trim())) errors.email = t('auth.emailInvalid');
    if (form.password.length < 10) errors.password = t('auth.passwordHint');
    if (!form.country) errors.country = t('auth.countryRequired');
    return errors;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(null);
    register({ ...form, name: form.name.trim(), email: form.email.trim() })
      .then(() => {
        setBusy(false);
        setSentTo(form.email.trim());
      })
      .catch((err: unknown) => {
        setBusy(false);
        setError(err);
        const byField: Partial<Record<FieldName, string>> = {};
        for (const issue of issuesOf(err)) byField[issue.path as FieldName] = issueText(t, issue);
        setFieldErrors(byField);
      });
  };

  if (sentTo !== null) return <RegisterSent email={sentTo} />;

  return (
    <main id="main" className="page page--auth">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>{t('auth.registerTitle')}</h1>
        <p className="muted">{t('auth.registerIntro')}</p>
        <ErrorAlert error={error} showIssues={false} />
        <RegisterFields form={form} set={set} errors={fieldErrors} />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {t('auth.createAccount')}
        </button>
        <p className="auth-card__switch">
          {t('auth.haveAccount')}{' '}
          <Link to="/login" state={location.state}>
            {t('auth.useExistingAccount')}
          </Link>
        </p>
      </form>
    </main>
  );
}

/** "Check your e-mail": where the confirmation link went. */
function RegisterSent({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="page page--auth">
      <div className="card auth-card">
        <h1>{t('auth.registerSentTitle')}</h1>
        <p role="status">{t('auth.registerSent', { email })}</p>
        <p className="auth-card__switch">
          <Link to="/login">{t('auth.backToSignIn')}</Link>
        </p>
      </div>
    </main>
  );
}

/** The registration form's fields, each with its error. */
function RegisterFields({
  form,
  set,
  errors,
}: {
  form: Form;
  set: (name: FieldName) => (value: string) => void;
  errors: Partial<Record<FieldName, string>>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('auth.name')}
        autoComplete="name"
        value={form.name}
        onChange={(e) => set('name')(e.target.value)}
        error={errors.name}
        required
      />
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        value={form.email}
        onChange={(e) => set('email')(e.target.value)}
        error={errors.email}
        required
      />
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(e) => set('password')(e.target.value)}
        hint={errors.password ? undefined : t('auth.passwordHint')}
        error={errors.password}
        required
      />
      <div className="form-row">
        <CountrySelect label={t('auth.country')} value={form.country} onChange={set('country')} error={errors.country} required />
        <SelectField label={t('auth.language')} value={form.language} onChange={(e) => set('language')(e.target.value)} error={errors.language}>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </SelectField>
      </div>
      <TimeZoneSelect
        label={t('auth.timeZone')}
        value={form.timeZone}
        onChange={set('timeZone')}
        hint={t('auth.timeZoneHint')}
        error={errors.timeZone}
      />
    </>
  );
}
