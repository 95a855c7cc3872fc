import type { Booth } from '@ca/signaling';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { SelectField, TextField } from '../../components/fields';
import { AccountFields } from './AccountFields';
import { useTimeZone } from '../../time/useFormat';
import { FormFooter } from './FormFooter';
import { useSubmit } from './useSubmit';

/** A staff member's account and their place at a booth. */
export function StaffForm({ booths, onCreated }: { booths: Booth[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const empty = { boothId: '', name: '', email: '', password: '', title: '', timeZone: zone, country: '' };
  const [form, setForm] = useState(empty);
  const state = useSubmit();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const e = state.fieldErrors;
  const boothId = form.boothId || booths[0]?.id || '';

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const { boothId: _ignored, ...body } = form;
    state.run(
      () => endpoints.createStaff(boothId, { ...body, name: body.name.trim(), email: body.email.trim(), title: body.title.trim() }),
      (booth) => {
        onCreated();
        setForm({ ...empty, boothId, timeZone: form.timeZone, country: form.country });
        return t('organizer.staffAdded', { name: form.name.trim(), booth: booth.organisation });
      },
    );
  };

  if (booths.length === 0) return <p className="muted">{t('organizer.addBoothFirst')}</p>;
  return (
    <form onSubmit={submit} noValidate className="stack">
      <SelectField label={t('organizer.booth')} value={boothId} onChange={(ev) => set({ boothId: ev.target.value })}>
        {booths.map((b) => (
          <option key={b.id} value={b.id}>
            {b.organisation}
          </option>
        ))}
      </SelectField>
      <AccountFields
        values={form}
        errors={e}
        onChange={set}
        extra={<TextField label={t('organizer.jobTitle')} value={form.title} onChange={(ev) => set({ title: ev.target.value })} error={e.title} />}
      />
      <FormFooter state={state} label={t('organizer.addStaff')} />
    </form>
  );
}
