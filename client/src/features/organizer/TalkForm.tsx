import type { AgendaWarningDto, ExpoEvent } from '@ca/signaling';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import { SelectField, TextField } from '../../components/fields';
import { localInputToIso } from '../../time/zones';
import { FormFooter } from './FormFooter';
import { splitList, useSubmit } from './useSubmit';
import { AgendaWarnings } from './AgendaWarnings';

export const SESSION_KINDS = ['talk', 'panel', 'keynote'] as const;
type Kind = (typeof SESSION_KINDS)[number];

/**
 * A new agenda session. Start and end are wall times in the event's zone (not the
 * browser's), turned into instants with the zone's real offset on that day.
 */
export function TalkForm({ event, onCreated }: { event: ExpoEvent; onCreated: () => void }) {
  const { t } = useTranslation();
  const first = `${event.startsOn}T10:00`;
  const [form, setForm] = useState({
    hallId: '',
    title: '',
    kind: 'talk' as Kind,
    speakers: '',
    start: first,
    end: `${event.startsOn}T11:00`,
    capacity: '200',
  });
  const [warnings, setWarnings] = useState<AgendaWarningDto[]>([]);
  const state = useSubmit();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const e = state.fieldErrors;
  const hallId = form.hallId || event.halls[0]?.id || '';

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    setWarnings([]);
    state.run(
      async () => {
        const start = localInputToIso(form.start, event.timeZone);
        const end = localInputToIso(form.end, event.timeZone);
        if (!start || !end) throw new ApiError({ status: 0, code: 'BAD_REQUEST', message: t('organizer.timesRequired') });
        return endpoints.createTalk(event.id, {
          hallId,
          title: form.title.trim(),
          kind: form.kind,
          speakers: splitList(form.speakers),
          start,
          end,
          capacity: Number(form.capacity),
        });
      },
      (result) => {
        setWarnings(result.warnings);
        onCreated();
        set({ title: '', speakers: '' });
        return t('organizer.sessionAdded', { title: result.session.title });
      },
    );
  };

  if (event.halls.length === 0) return <p className="muted">{t('organizer.addHallFirst')}</p>;
  return (
    <form onSubmit={submit} noValidate className="stack">
      <TalkPlace event={event} hallId={hallId} kind={form.kind} set={set} error={e.hallId} />
      <TextField label={t('organizer.sessionTitle')} value={form.title} onChange={(ev) => set({ title: ev.target.value })} error={e.title} required />
      <TextField
        label={t('organizer.speakers')}
        value={form.speakers}
        onChange={(ev) => set({ speakers: ev.target.value })}
        hint={t('organizer.commaSeparated')}
        error={e.speakers}
      />
      <TalkTimes zone={event.timeZone} start={form.start} end={form.end} set={set} errors={e} />
      <TextField
        label={t('organizer.capacity')}
        type="number"
        min={1}
        value={form.capacity}
        onChange={(ev) => set({ capacity: ev.target.value })}
        error={e.capacity}
      />
      <FormFooter state={state} label={t('organizer.addSession')} />
      <AgendaWarnings warnings={warnings} heading={t('organizer.conflicts')} role="alert" />
    </form>
  );
}

type SetTalk = (patch: { hallId?: string; kind?: Kind; start?: string; end?: string }) => void;

/** Which hall (stage) and what kind of talk. */
function TalkPlace({ event, hallId, kind, set, error }: { event: ExpoEvent; hallId: string; kind: Kind; set: SetTalk; error: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <SelectField label={t('organizer.hall')} value={hallId} onChange={(ev) => set({ hallId: ev.target.value })} error={error}>
        {event.halls.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('organizer.kind')} value={kind} onChange={(ev) => set({ kind: ev.target.value as Kind })}>
        {SESSION_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`organizer.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Start and end, entered in the event's zone. */
function TalkTimes(props: { zone: string; start: string; end: string; set: SetTalk; errors: Record<string, string | undefined> }) {
  const { zone, start, end, set, errors } = props;
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <TextField
        label={t('organizer.start')}
        type="datetime-local"
        value={start}
        onChange={(ev) => set({ start: ev.target.value })}
        hint={t('organizer.inEventZone', { zone: zone })}
        error={errors.start}
        required
      />
      <TextField
        label={t('organizer.end')}
        type="datetime-local"
        value={end}
        onChange={(ev) => set({ end: ev.target.value })}
        hint={t('organizer.inEventZone', { zone: zone })}
        error={errors.end}
        required
      />
    </div>
  );
}
