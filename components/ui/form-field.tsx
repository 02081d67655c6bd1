// Labelled form controls with their hint and error messages wired up for screen readers.
import type { InputHTMLAttributes, ReactNode } from 'react';

/** How a text input, select or textarea looks; red while it holds an error. */
export function fieldClasses(invalid = false): string {
  return `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 ${
    invalid ? 'border-red-500 focus:outline-red-500' : 'border-slate-300 focus:outline-brand-600'
  }`;
}

/** The attributes `Field` hands its control: the id its label points at, and what describes it. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  className: string;
}

/** A label, any control (rendered by `children` with the attributes it needs), its errors and hint. */
export function Field({
  id,
  label,
  hint,
  errors,
  className = '',
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={`space-y-1.5 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({
        id,
        'aria-invalid': errorId ? true : undefined,
        'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
        className: fieldClasses(Boolean(errorId)),
      })}
      {errorId && (
        <p id={errorId} className="text-sm text-red-700">
          {errors!.join(' ')}
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A labelled text input named `name`. */
export function FormField({
  label,
  name,
  errors,
  hint,
  ...input
}: { label: string; name: string; errors?: string[]; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field id={`field-${name}`} label={label} hint={hint} errors={errors}>
      {(control) => <input name={name} {...control} {...input} />}
    </Field>
  );
}
