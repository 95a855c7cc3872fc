import type { ExpoEvent } from '@ca/signaling';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { TextField } from '../../components/fields';
import { FormFooter } from './FormFooter';
import { useSubmit } from './useSubmit';

/** The event's halls, and a new one. */
export function HallForm({ event, onChanged }: { event: ExpoEvent; onChanged: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const state = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    state.run(
      () => endpoints.createHall(event.id, name.trim()),
      () => {
        onChanged();
        setName('');
        return t('organizer.hallAdded', { name: name.trim() });
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="stack">
      {event.halls.length === 0 ? (
        <p className="muted">{t('organizer.noHalls')}</p>
      ) : (
        <ul className="plain-list">
          {[...event.halls]
            .sort((a, b) => a.position - b.position)
            .map((hall) => (
              <li key={hall.id}>{hall.name}</li>
            ))}
        </ul>
      )}
      <TextField label={t('organizer.hallName')} value={name} onChange={(e) => setName(e.target.value)} error={state.fieldErrors.name} required />
      <FormFooter state={state} label={t('organizer.addHall')} />
    </form>
  );
}
