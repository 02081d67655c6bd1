'use client';
// Evidence for a dispute: a product description and the argument, submitted once.
import { useActionState } from 'react';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import type { ActionState } from '@/lib/auth/validated-action';

const field =
  'block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 border-slate-300 focus:outline-brand-600';

export function EvidenceForm({ action, disputeId }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; disputeId: string }) {
  const [state, formAction] = useActionState(action, {});
  const textError = state.fieldErrors?.text;
  if (state.success) return <div className="p-5"><FormMessage success={state.success} /></div>;
  return (
    <form action={formAction} className="space-y-4 p-5" aria-label="Submit evidence">
      <FormMessage error={state.error} />
      <input type="hidden" name="disputeId" value={disputeId} />
      <div className="space-y-1.5">
        <label htmlFor="evidence-product" className="block text-sm font-medium text-slate-800">
          Product or service description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input id="evidence-product" name="productDescription" className={field} defaultValue={state.values?.productDescription} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="evidence-text" className="block text-sm font-medium text-slate-800">
          Your evidence
        </label>
        <textarea
          id="evidence-text"
          name="text"
          rows={6}
          required
          defaultValue={state.values?.text}
          aria-invalid={textError ? true : undefined}
          aria-describedby={`evidence-text-hint${textError ? ' evidence-text-error' : ''}`}
          className={field}
        />
        {textError && (
          <p id="evidence-text-error" className="text-sm text-red-700">
            {textError.join(' ')}
          </p>
        )}
        <p id="evidence-text-hint" className="text-sm text-slate-500">
          What the customer bought, when they used it, and any contact with them. Once submitted it cannot be changed.
        </p>
      </div>
      <SubmitButton pendingLabel="Submitting…">Submit evidence</SubmitButton>
    </form>
  );
}
