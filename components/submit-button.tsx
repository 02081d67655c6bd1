'use client';
// A form's submit button that shows it is working while the form's action runs.
import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClasses } from './button-classes';

export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  className = '',
}: {
  children: ReactNode;
  /** Shown while pending, e.g. "Signing in…". */
  pendingLabel?: string;
  variant?: 'primary' | 'secondary';
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={`${buttonClasses(variant)} ${className}`}>
      {pending && (
        <svg className="size-4 animate-spin" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="4" className="opacity-25" />
          <path d="M22 12a10 10 0 0 0-10-10" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
        </svg>
      )}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
