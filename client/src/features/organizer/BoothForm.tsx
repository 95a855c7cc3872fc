import type { Booth, ExpoEvent } from '@ca/signaling';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { CountrySelect } from '../../components/RegionSelects';
import { FormFooter } from './FormFooter';
import { splitList, useSubmit } from './useSubmit';

const EMPTY = { hallId: '', organisation: '', description: '', tags: '', languages: '', country: '' };

/** A new booth in one of the event's halls. */
export function BoothForm({ event, onCreated }: { event: ExpoEvent; onCreated: (booth: Booth) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const state = useSubmit();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const e = state.fieldErrors;
  const hallId = form.hallId || event.halls[0]?.id || '';

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    state.run(
      () =>
        endpoints.createBooth(event.id, {
          hallId,
          organisation: form.organisation.trim(),
          description: form.description,
          tags: splitList(form.tags),
          languages: splitList(form.languages),
          country: form.country,
        }),
      (booth) => {
        onCreated(booth);
        setForm({ ...EMPTY, hallId });
        return t('organizer.boothAdded', { name: booth.organisation });
      },
    );
  };

  if (event.halls.length === 0) return <p className="muted">{t('organizer.addHallFirst')}</p>;
  return (
    <form onSubmit={submit} noValidate className="stack">
      <SelectField label={t('organizer.hall')} value={hallId} onChange={(ev) => set({ hallId: ev.target.value })} error={e.hallId}>
        {event.halls.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('organizer.organisation')}
        value={form.organisation}
        onChange={(ev) => set({ organisation: ev.target.value })}
        error={e.organisation}
        required
      />
      <TextAreaField
        label={t('organizer.description')}
        value={form.description}
        onChange={(ev) => set({ description: ev.target.value })}
        error={e.description}
      />
      <TextField
        label={t('organizer.tags')}
        value={form.tags}
        onChange={(ev) => set({ tags: ev.target.value })}
        hint={t('organizer.commaSeparated')}
        error={e.tags}
      />
      <div className="form-row">
        <TextField
          label={t('organizer.languages')}
          value={form.languages}
          placeholder="en, zh-CN"
          onChange={(ev) => set({ languages: ev.target.value })}
          hint={t('organizer.languagesHint')}
          error={e.languages}
        />
        <CountrySelect label={t('auth.country')} value={form.country} onChange={(country) => set({ country })} error={e.country} required />
      </div>
      <FormFooter state={state} label={t('organizer.addBooth')} />
    </form>
  );
}
