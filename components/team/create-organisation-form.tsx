'use client';
// Starting a new organisation (you become its owner, and the header switches to it).
import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/validated-action';
import { Field } from '@/components/ui/form-field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function CreateOrganisationForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} aria-label="Create an organisation" className="flex flex-wrap items-end gap-3">
      <Field id="organisation-name" label="New organisation" errors={state.fieldErrors?.name} className="min-w-48 flex-1">
        {(control) => <input {...control} name="name" placeholder="Acme Inc." defaultValue={state.values?.name} />}
      </Field>
      <SubmitButton variant="secondary" pendingLabel="Creating…">
        Create
      </SubmitButton>
      <div className="w-full">
        <FormMessage error={state.error} />
      </div>
    </form>
  );
}
