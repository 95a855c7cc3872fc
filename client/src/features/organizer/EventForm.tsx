import type { ExpoEvent } from '@ca/signaling';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { TextAreaField, TextField } from '../../components/fields';
import { TimeZoneSelect } from '../../components/RegionSelects';
import { useTimeZone } from '../../time/useFormat';
import { addDays, todayIn } from '../../time/zones';
import { FormFooter } from './FormFooter';
import { useSubmit } from './useSubmit';

/** A new event: name, description, first and last day, and the zone its dates are in. */
export function EventForm({ onCreated }: { onCreated: (event: ExpoEvent) => void }) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const today = todayIn(zone);
  const [form, setForm] = useState({ name: '', description: '', startsOn: addDays(today, 30), endsOn: addDays(today, 32), timeZone: zone });
  const state = useSubmit();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const e = state.fieldErrors;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    state.run(
      () => endpoints.createEvent({ ...form, name: form.name.trim() }),
      (created) => {
        onCreated(created);
        set({ name: '', description: '' });
        return t('organizer.eventCreated', { name: created.name });
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      <TextField label={t('organizer.eventName')} value={form.name} onChange={(ev) => set({ name: ev.target.value })} error={e.name} required />
      <TextAreaField
        label={t('organizer.description')}
        value={form.description}
        onChange={(ev) => set({ description: ev.target.value })}
        error={e.description}
      />
      <div className="form-row">
        <TextField
          label={t('organizer.startsOn')}
          type="date"
          value={form.startsOn}
          onChange={(ev) => set({ startsOn: ev.target.value })}
          error={e.startsOn}
          required
        />
        <TextField
          label={t('organizer.endsOn')}
          type="date"
          value={form.endsOn}
          onChange={(ev) => set({ endsOn: ev.target.value })}
          error={e.endsOn}
          required
        />
      </div>
      <TimeZoneSelect
        label={t('auth.timeZone')}
        value={form.timeZone}
        onChange={(timeZone) => set({ timeZone })}
        error={e.timeZone}
        hint={t('organizer.eventZoneHint')}
      />
      <FormFooter state={state} label={t('organizer.createEvent')} />
    </form>
  );
}
