'use client';
// A one-button form for a server action, with its pending state and the action's message.
import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import type { ActionState } from '@/lib/auth/validated-action';

export function ActionButton({
  action,
  label,
  pendingLabel,
  fields = {},
  variant = 'secondary',
  accessibleName,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  pendingLabel: string;
  fields?: Record<string, string>;
  variant?: 'primary' | 'secondary';
  /** For repeated buttons: which row this one acts on. */
  accessibleName?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2" aria-label={accessibleName ?? label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <FormMessage error={state.error} success={state.success} />
    </form>
  );
}
