'use client';
// A form's submit button that shows it is working while the form's action runs.
import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClasses } from './button-classes';
import { Spinner } from '@/components/ui/spinner';

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
      {pending && <Spinner />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
