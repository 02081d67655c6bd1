'use client';
// Evidence for a dispute: a product description and the argument, submitted once.
import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { Field } from '@/components/ui/form-field';
import type { ActionState } from '@/lib/auth/validated-action';

export function EvidenceForm({ action, disputeId }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; disputeId: string }) {
  const [state, formAction] = useActionState(action, {});
  const textError = state.fieldErrors?.text;
  if (state.success) return <div className="p-5"><FormMessage success={state.success} /></div>;
  return (
    <form action={formAction} className="space-y-4 p-5" aria-label="Submit evidence">
      <FormMessage error={state.error} />
      <input type="hidden" name="disputeId" value={disputeId} />
      <Field
        id="evidence-product"
        label={
          <>
            Product or service description <span className="font-normal text-slate-500">(optional)</span>
          </>
        }
      >
        {(control) => <input {...control} name="productDescription" defaultValue={state.values?.productDescription} />}
      </Field>
      <Field
        id="evidence-text"
        label="Your evidence"
        hint="What the customer bought, when they used it, and any contact with them. Once submitted it cannot be changed."
        errors={textError}
      >
        {(control) => <textarea {...control} name="text" rows={6} required defaultValue={state.values?.text} />}
      </Field>
      <SubmitButton pendingLabel="Submitting…">Submit evidence</SubmitButton>
    </form>
  );
}
