// A labelled input with its hint and error messages wired up for screen readers.
import type { InputHTMLAttributes } from 'react';

export function FormField({
  label,
  name,
  errors,
  hint,
  ...input
}: { label: string; name: string; errors?: string[]; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const invalid = Boolean(errorId);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 ${
          invalid ? 'border-red-500 focus:outline-red-500' : 'border-slate-300 focus:outline-brand-600'
        }`}
        {...input}
      />
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
