'use client';
// Refund a payment in two steps: choose the amount and reason, then confirm what will happen.
// The amount is parsed and checked against what is refundable before the confirmation, which shows
// the parsed amount (the server checks both again). The attempt key comes from the server render
// and goes with every submission of this form.
import { useActionState, useState } from 'react';
import { decimalAmount, formatMoney, parseMoney } from '@/lib/money';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { buttonClasses } from '@/components/ui/button-classes';
import { Field } from '@/components/ui/form-field';
import { refundReasonLabel, refundReasons } from '@/lib/billing/statuses';
import type { ActionState } from '@/lib/auth/validated-action';

export function RefundForm({
  action,
  paymentIntentId,
  attemptId,
  refundable,
  currency,
  cardLabel,
  unavailable,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  paymentIntentId: string;
  attemptId: string;
  /** What can still be refunded, in minor units. */
  refundable: number;
  currency: string;
  /** The card as the rest of the console shows it ("Visa •••• 4242"), or '' when unknown. */
  cardLabel: string;
  /** Why this payment cannot be refunded now (fully refunded, disputed…); the form stays to show its last message. */
  unavailable?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  // Empty rather than the remaining amount: after a partial refund the next one is rarely "all the
  // rest", and a pre-filled amount is one click from being refunded unread. The hint says the most.
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<string>(refundReasons[0]);
  // Confirming belongs to the answer it was started after: any new answer (refunded, refused) ends it.
  const [reviewed, setReviewed] = useState<{ after: ActionState; amount: number } | null>(null);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const confirming = reviewed !== null && reviewed.after === state;
  // After a refund the page re-renders with less left to refund: the next refund starts afresh.
  const [shownRefundable, setShownRefundable] = useState(refundable);
  if (shownRefundable !== refundable) {
    setShownRefundable(refundable);
    setAmount('');
  }
  const amountError = reviewError ? [reviewError] : state.fieldErrors?.amount;
  const reasonLabel = refundReasonLabel(reason);
  const refundableLabel = formatMoney(refundable, currency);

  function review() {
    const parsed = parseMoney(amount, currency);
    const problem = !parsed.ok
      ? parsed.message
      : parsed.amount < 1
        ? 'Enter an amount greater than zero.'
        : parsed.amount > refundable
          ? `Only ${refundableLabel} can still be refunded on this payment.`
          : null;
    setReviewError(problem);
    if (parsed.ok && !problem) setReviewed({ after: state, amount: parsed.amount });
  }

  return (
    <form action={formAction} className="space-y-4 p-5" aria-label="Refund this payment">
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="paymentIntentId" value={paymentIntentId} />
      <input type="hidden" name="attemptId" value={attemptId} />
      {/* The amount and reason travel as hidden fields once confirmed, so what is confirmed is what is sent. */}
      {unavailable ? (
        <p className="text-sm text-slate-600">{unavailable}</p>
      ) : confirming ? (
        <>
          <input type="hidden" name="amount" value={decimalAmount(reviewed.amount, currency)} />
          <input type="hidden" name="reason" value={reason} />
          <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="group" aria-label="Confirm the refund">
            <p className="font-medium">
              Refund {formatMoney(reviewed.amount, currency)} to {cardLabel || 'the customer'}?
            </p>
            <p className="mt-1">Reason: {reasonLabel}. The money goes back to the customer’s card; this cannot be undone.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingLabel="Refunding…">Confirm refund</SubmitButton>
            <button type="button" className={buttonClasses('secondary')} onClick={() => setReviewed(null)}>
              Back
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="refund-amount" label={`Amount (${currency.toUpperCase()})`} hint={`Up to ${refundableLabel}.`} errors={amountError}>
              {(control) => (
                <input
                  {...control}
                  inputMode="decimal"
                  autoComplete="off"
                  value={amount}
                  placeholder={decimalAmount(refundable, currency)}
                  onChange={(e) => {
                    setAmount(e.target.value);
                    setReviewError(null);
                  }}
                />
              )}
            </Field>
            <Field id="refund-reason" label="Reason">
              {(control) => (
                <select {...control} value={reason} onChange={(e) => setReason(e.target.value)}>
                  {refundReasons.map((code) => (
                    <option key={code} value={code}>
                      {refundReasonLabel(code)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <button type="button" className={buttonClasses('primary')} disabled={!amount.trim()} onClick={review}>
            Review refund
          </button>
        </>
      )}
    </form>
  );
}
