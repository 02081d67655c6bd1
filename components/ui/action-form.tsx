'use client';
// A one-button form for a server action (checkout, cancel, resume, switch, portal, reconcile, retry):
// hidden fields, a pending state, and the action's message. Each submit carries a fresh attempt id,
// which actions that create things in Stripe turn into an idempotency key, so a double submit
// cannot do the work twice.
import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/validated-action';
import { FormMessage } from './form-message';
import { SubmitButton } from './submit-button';

export function ActionForm({
  action,
  fields = {},
  label,
  pendingLabel,
  variant = 'primary',
  accessibleName,
  buttonClassName = '',
  className = '',
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields?: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary';
  /** The form's name for assistive technology; for repeated buttons, say which row this one acts on. */
  accessibleName?: string;
  buttonClassName?: string;
  className?: string;
}) {
  const [attemptId, setAttemptId] = useState(() => crypto.randomUUID());
  const [state, formAction] = useActionState(async (previous: ActionState, formData: FormData) => {
    const next = await action(previous, formData);
    // The attempt is over (it failed, or redirected): the next click is a new attempt.
    setAttemptId(crypto.randomUUID());
    return next;
  }, {});
  return (
    <form action={formAction} className={`space-y-3 ${className}`} aria-label={accessibleName ?? label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="attemptId" value={attemptId} />
      <SubmitButton variant={variant} pendingLabel={pendingLabel} className={buttonClassName}>
        {label}
      </SubmitButton>
      <FormMessage
        // Only hidden fields here: a field error means the page is stale (e.g. a plan was retired).
        error={state.error ?? (state.fieldErrors ? 'This page is out of date. Reload it and try again.' : undefined)}
        success={state.success}
      />
    </form>
  );
}
