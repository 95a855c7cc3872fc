import { ErrorAlert } from '../../components/ErrorAlert';
import type { SubmitState } from './useSubmit';

/** The submit button, the failure (with the server's issues) and the success line of a form. */
export function FormFooter({ state, label }: { state: SubmitState; label: string }) {
  return (
    <>
      <ErrorAlert error={state.error} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={state.busy}>
          {label}
        </button>
        {state.done && (
          <p role="status" className="success">
            {state.done}
          </p>
        )}
      </div>
    </>
  );
}
