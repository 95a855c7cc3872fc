import type { Appointment } from '@ca/signaling';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignInterpreter } from '../../api/mutations';
import { queries } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { languageName } from '../../i18n/regions';

/** The interpreter the guest asked for: who it is (or that none is assigned yet); the booth's staff choose one. */
export function InterpreterLine({ appointment: a, asStaff }: { appointment: Appointment; asStaff: boolean }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  const assign = useAssignInterpreter();
  const ahead = a.status === 'requested' || a.status === 'confirmed';
  const booth = useQuery({ ...queries.booth(a.boothId), enabled: asStaff && ahead });
  const request = a.interpretation;
  if (!request) return null;
  const language = languageName(request.language, i18n.language);
  return (
    <div className="appointment__interpreter">
      <p>
        {request.interpreter
          ? t('appointments.interpreter', { language, name: request.interpreter.name })
          : t('appointments.interpreterRequested', { language })}
      </p>
      {asStaff && ahead && booth.data && (
        <>
          <label htmlFor={selectId}>{t('appointments.assignInterpreter')}</label>{' '}
          <select
            id={selectId}
            value={request.interpreter?.staffId ?? ''}
            disabled={assign.isPending}
            onChange={(e) => assign.mutate({ id: a.id, staffId: e.target.value || null })}
          >
            <option value="">{t('appointments.noInterpreter')}</option>
            {booth.data.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <ErrorAlert error={assign.error} />
        </>
      )}
    </div>
  );
}
