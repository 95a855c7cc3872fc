import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { currentLanguage } from '../../i18n';
import { AccountFields } from './AccountFields';
import { useTimeZone } from '../../time/useFormat';
import { FormFooter } from './FormFooter';
import { useSubmit } from './useSubmit';

/** Another organizer's account (organizers are created by organizers, never self-registered). */
export function OrganizerAccountForm() {
  const { t } = useTranslation();
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
      () => endpoints.createOrganizer({ ...form, name, email: form.email.trim(), language: currentLanguage() }),
      () => {
        setForm({ ...empty, timeZone: form.timeZone, country: form.country });
        return t('organizer.organizerAdded', { name });
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      <AccountFields values={form} errors={e} onChange={set} />
      <FormFooter state={state} label={t('organizer.addOrganizer')} />
    </form>
  );
}
