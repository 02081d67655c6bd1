'use client';
// Subscribing to a plan in the app: the summary with a promotion code field, and the card form.
// A code is checked by the server (Stripe's promotion code and its restrictions) before anything
// is charged; once accepted, the summary shows what it takes off and the card form pays the
// discounted amount. Changing or removing the code starts a fresh payment attempt.
import { useState, useTransition, type FormEvent } from 'react';
import type { PreparedPayment } from '@/lib/auth/validated-action';
import type { PromotionQuote } from '@/lib/billing/promotions';
import { perInterval, type BillingInterval } from '@/lib/billing/format';
import type { StripeBrowserConfig } from '@/lib/stripe/browser';
import { formatMoney } from '@/lib/money';
import { buttonClasses } from '@/components/ui/button-classes';
import { Field, fieldClasses } from '@/components/ui/form-field';
import { PaymentForm } from './payment-form';
import { PurchasePanels } from './purchase-panels';

export interface PlanPurchaseProps {
  /** `unitAmount`: the whole plan's price per interval (all its seats); `seats`: shown under the name of a per-seat plan. */
  plan: { name: string; unitAmount: number; currency: string; interval: BillingInterval; seats?: { count: number; unitAmount: number } };
  /** Free days before the first charge, or null. */
  trialDays: number | null;
  stripeConfig: StripeBrowserConfig;
  savedCard: { id: string; label: string } | null;
  /** Server action: the code checked for this plan. */
  check: (code: string) => Promise<{ ok: true; value: PromotionQuote } | { ok: false; error: string }>;
  /** Server action: starts the subscription (with the accepted code, if any). */
  prepare: (attemptId: string, promotionCode: string | null) => Promise<PreparedPayment>;
}

export function PlanPurchase({ plan, trialDays, stripeConfig, savedCard, check, prepare }: PlanPurchaseProps) {
  const [quote, setQuote] = useState<PromotionQuote | null>(null);
  const amountOff = quote?.amountOff ?? 0;
  const firstCharge = plan.unitAmount - amountOff;
  const dueToday = trialDays ? 0 : firstCharge;
  return (
    <PurchasePanels
      rows={
        <>
          <div className="flex justify-between gap-4">
            <dt className="text-slate-600">
              {plan.name}
              {plan.seats && (
                <span className="block text-xs text-slate-500" data-testid="seats">
                  {plan.seats.count} {plan.seats.count === 1 ? 'seat' : 'seats'} × {formatMoney(plan.seats.unitAmount, plan.currency)}
                </span>
              )}
            </dt>
            <dd className="text-right font-medium text-slate-900">
              {formatMoney(plan.unitAmount, plan.currency)}
              <span className="block text-xs font-normal text-slate-500">{perInterval(plan.interval)}</span>
            </dd>
          </div>
          {quote && (
            <div className="flex justify-between gap-4" data-testid="discount-line">
              <dt className="text-slate-600">
                <span className="rounded bg-emerald-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-emerald-800">{quote.code}</span>
                <span className="mt-1 block text-xs text-slate-500">{quote.terms}</span>
              </dt>
              <dd className="font-medium text-emerald-700">−{formatMoney(amountOff, plan.currency)}</dd>
            </div>
          )}
          {trialDays && (
            <div className="flex justify-between gap-4">
              <dt className="text-slate-600">Free trial</dt>
              <dd className="font-medium text-emerald-700">{trialDays} days</dd>
            </div>
          )}
        </>
      }
      dueToday={formatMoney(dueToday, plan.currency)}
      afterSummary={
        <>
          {trialDays && (
            <p className="mt-4 text-xs text-slate-500">
              We save your card now and charge {formatMoney(firstCharge, plan.currency)} when the trial ends, unless you cancel before.
            </p>
          )}
          <PromotionCodeField applied={quote} onApplied={setQuote} check={check} />
        </>
      }
    >
      <PaymentForm
        // A new code is a new purchase: a fresh form and attempt, so the price paid matches the summary.
        key={quote?.promotionCodeId ?? 'no-code'}
        stripeConfig={stripeConfig}
        mode={trialDays ? 'setup' : 'subscription'}
        amount={firstCharge}
        currency={plan.currency}
        submitLabel={trialDays ? 'Start free trial' : `Pay ${formatMoney(firstCharge, plan.currency)}`}
        pendingLabel="Processing…"
        prepare={(attemptId) => prepare(attemptId, quote?.code ?? null)}
        savedCard={savedCard}
      />
    </PurchasePanels>
  );
}

function PromotionCodeField({
  applied,
  onApplied,
  check,
}: {
  applied: PromotionQuote | null;
  onApplied: (quote: PromotionQuote | null) => void;
  check: PlanPurchaseProps['check'];
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const answer = await check(code);
      if (answer.ok) {
        setError(null);
        setCode('');
        onApplied(answer.value);
      } else setError(answer.error);
    });
  }

  if (applied) {
    return (
      <p className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600" role="status">
        <span>
          Code <strong className="font-semibold text-slate-900">{applied.code}</strong> applied.
        </span>
        <button type="button" className="font-medium text-brand-600 hover:underline" onClick={() => onApplied(null)}>
          Remove code
        </button>
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="mt-5 border-t border-slate-100 pt-4" noValidate>
      <Field id="promotion-code" label="Promotion code" errors={error ? [error] : undefined}>
        {(control) => (
          <div className="flex gap-2">
            <input
              {...control}
              name="code"
              autoComplete="off"
              autoCapitalize="characters"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              className={`${fieldClasses(Boolean(error))} min-w-0 flex-1 uppercase`}
            />
            <button type="submit" className={buttonClasses('secondary')} disabled={pending || !code.trim()}>
              {pending ? 'Checking…' : 'Apply'}
            </button>
          </div>
        )}
      </Field>
    </form>
  );
}
