import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { TextField } from '../../components/fields';
import { CountrySelect, TimeZoneSelect } from '../../components/RegionSelects';
import { useTimeZone } from '../../time/useFormat';
import { FormFooter } from './FormFooter';
import { useSubmit } from './useSubmit';

/** Another organizer's account (organizers are created by organizers, never self-registered). */
export function OrganizerAccountForm() {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone();
  const empty = { name: '', email: '', password: '', timeZone: zone, country: '' };
  const [form, setForm] = useState(empty);
  const state = useSubmit();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const e = state.fieldErrors;

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const name = form.name.trim();
    state.run(
      () => endpoints.createOrganizer({ ...form, name, email: form.email.trim(), language: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' }),
      () => {
        setForm({ ...empty, timeZone: form.timeZone, country: form.country });
        return t('organizer.organizerAdded', { name });
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      <div className="form-row">
        <TextField label={t('auth.name')} value={form.name} onChange={(ev) => set({ name: ev.target.value })} error={e.name} required />
        <TextField label={t('auth.email')} type="email" autoComplete="off" value={form.email} onChange={(ev) => set({ email: ev.target.value })} error={e.email} required />
      </div>
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={(ev) => set({ password: ev.target.value })}
        hint={t('auth.passwordHint')}
        error={e.password}
        required
      />
      <div className="form-row">
        <TimeZoneSelect label={t('auth.timeZone')} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} error={e.timeZone} />
        <CountrySelect label={t('auth.country')} value={form.country} onChange={(country) => set({ country })} error={e.country} required />
      </div>
      <FormFooter state={state} label={t('organizer.addOrganizer')} />
    </form>
  );
}
