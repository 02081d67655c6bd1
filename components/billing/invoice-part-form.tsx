'use client';
// "Pay part now": how much of an open invoice to pay with this payment, typed in the invoice's
// currency. The server parses it into minor units and checks it against what the invoice owes, then
// opens the card form for exactly that amount.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/validated-action';
import { Field } from '@/components/ui/form-field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

export function InvoicePartForm({
  action,
  invoiceId,
  currencyCode,
  hint,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  invoiceId: string;
  /** "USD": shown next to the amount so nobody types another currency's amount. */
  currencyCode: string;
  hint: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" aria-label="Pay part of this invoice" noValidate>
      <FormMessage error={state.error} />
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <Field id="part-amount" label={`Amount to pay now (${currencyCode})`} hint={hint} errors={state.fieldErrors?.amount}>
        {(control) => (
          <input {...control} name="amount" inputMode="decimal" autoComplete="off" placeholder="40.00" defaultValue={state.values?.amount ?? ''} className={`${control.className} sm:max-w-48`} />
        )}
      </Field>
      <SubmitButton pendingLabel="Checking…">Continue to payment</SubmitButton>
    </form>
  );
}
