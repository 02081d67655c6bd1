'use client';
// Refund a payment in two steps: choose the amount and reason, then confirm what will happen.
// The attempt key comes from the server render and goes with every submission of this form.
import { useActionState, useState } from 'react';
import { FormMessage } from '@/components/form-message';
import { SubmitButton } from '@/components/submit-button';
import { buttonClasses } from '@/components/button-classes';
import type { ActionState } from '@/lib/auth/validated-action';

const reasons = [
  { value: 'requested_by_customer', label: 'Requested by the customer' },
  { value: 'duplicate', label: 'Duplicate payment' },
  { value: 'fraudulent', label: 'Fraudulent' },
];

const input =
  'block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 border-slate-300 focus:outline-brand-600';

export function RefundForm({
  action,
  paymentIntentId,
  attemptKey,
  refundable,
  refundableLabel,
  currency,
  cardLabel,
  unavailable,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  paymentIntentId: string;
  attemptKey: string;
  /** What can still be refunded, as a decimal string (the default amount). */
  refundable: string;
  refundableLabel: string;
  currency: string;
  cardLabel: string;
  /** Why this payment cannot be refunded now (fully refunded, disputed…); the form stays to show its last message. */
  unavailable?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  const [amount, setAmount] = useState(refundable);
  const [reason, setReason] = useState(reasons[0].value);
  // Confirming belongs to the answer it was started after: any new answer (refunded, refused) ends it.
  const [reviewedAfter, setReviewedAfter] = useState<ActionState | null>(null);
  const confirming = reviewedAfter === state;
  // After a refund the page re-renders with less left to refund: start from the new maximum.
  const [shownRefundable, setShownRefundable] = useState(refundable);
  if (shownRefundable !== refundable) {
    setShownRefundable(refundable);
    setAmount(refundable);
  }
  const amountError = state.fieldErrors?.amount;
  const reasonLabel = reasons.find((r) => r.value === reason)?.label ?? reason;

  return (
    <form action={formAction} className="space-y-4 p-5" aria-label="Refund this payment">
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="paymentIntentId" value={paymentIntentId} />
      <input type="hidden" name="attempt" value={attemptKey} />
      {/* The amount and reason travel as hidden fields once confirmed, so what is confirmed is what is sent. */}
      {unavailable ? (
        <p className="text-sm text-slate-600">{unavailable}</p>
      ) : confirming ? (
        <>
          <input type="hidden" name="amount" value={amount} />
          <input type="hidden" name="reason" value={reason} />
          <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="group" aria-label="Confirm the refund">
            <p className="font-medium">
              Refund {currency.toUpperCase()} {amount} to {cardLabel || 'the customer'}?
            </p>
            <p className="mt-1">Reason: {reasonLabel}. The money goes back to the customer’s card; this cannot be undone.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingLabel="Refunding…">Confirm refund</SubmitButton>
            <button type="button" className={buttonClasses('secondary')} onClick={() => setReviewedAfter(null)}>
              Back
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <label htmlFor="refund-amount" className="block text-sm font-medium text-slate-800">
                Amount ({currency.toUpperCase()})
              </label>
              <input
                id="refund-amount"
                inputMode="decimal"
                autoComplete="off"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                aria-invalid={amountError ? true : undefined}
                aria-describedby={`refund-amount-hint${amountError ? ' refund-amount-error' : ''}`}
                className={input}
              />
              {amountError && (
                <p id="refund-amount-error" className="text-sm text-red-700">
                  {amountError.join(' ')}
                </p>
              )}
              <p id="refund-amount-hint" className="text-sm text-slate-500">
                Up to {refundableLabel}.
              </p>
            </div>
            <div className="space-y-1.5">
              <label htmlFor="refund-reason" className="block text-sm font-medium text-slate-800">
                Reason
              </label>
              <select id="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} className={input}>
                {reasons.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="button" className={buttonClasses('primary')} disabled={!amount.trim()} onClick={() => setReviewedAfter(state)}>
            Review refund
          </button>
        </>
      )}
    </form>
  );
}
