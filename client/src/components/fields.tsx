import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type FieldFrame = {
  label: string;
  /** A line under the field (format help). */
  hint?: string | undefined;
  /** A problem with the value, shown under the field and tied to it by aria-describedby. */
  error?: string | undefined;
  className?: string;
};

/** Label, control, hint and error of one form field; `children` gets the control's id and describedby. */
function Frame({ label, hint, error, className, children }: FieldFrame & { children: (a11y: A11y) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

type A11y = { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined };

export function TextField({ label, hint, error, className, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame label={label} hint={hint} error={error} className={className}>
      {(a11y) => <input type="text" {...input} {...a11y} />}
    </Frame>
  );
}

export function SelectField({ label, hint, error, className, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame label={label} hint={hint} error={error} className={className}>
      {(a11y) => (
        <select {...select} {...a11y}>
          {children}
        </select>
      )}
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, className, ...area }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame label={label} hint={hint} error={error} className={className}>
      {(a11y) => <textarea rows={3} {...area} {...a11y} />}
    </Frame>
  );
}
