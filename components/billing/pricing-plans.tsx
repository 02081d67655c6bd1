'use client';
// The plan cards with the monthly/yearly switch. Everything else on the pricing page is rendered on
// the server; this leaf only needs the browser to flip between intervals.
import Link from 'next/link';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { formatMoney } from '@/lib/money';
import { perInterval, type BillingInterval } from '@/lib/billing/format';
import { startCheckoutAction } from '@/app/pricing/actions';
import { ActionForm } from '@/components/ui/action-form';

export interface PlanCard {
  productId: string;
  name: string;
  description: string | null;
  features: string[];
  prices: Partial<Record<BillingInterval, { id: string; unitAmount: number; currency: string; trialDays: number | null; perSeat: boolean }>>;
}

export function PricingPlans({
  plans,
  signedIn,
  currentPriceId,
  hasLivePlan,
  offerTrials,
  seatsInUse,
}: {
  plans: PlanCard[];
  signedIn: boolean;
  /** The price of the signed-in customer's live subscription, if any. */
  currentPriceId: string | null;
  hasLivePlan: boolean;
  /** False once the customer has or had a plan: trials are for a first subscription (`offersTrial`). */
  offerTrials: boolean;
  /** Members and pending invitations of the organisation: the fewest seats a per-seat plan can start with. */
  seatsInUse: number;
}) {
  const currentInterval = plans.flatMap((p) => Object.entries(p.prices)).find(([, price]) => price?.id === currentPriceId)?.[0];
  const [interval, setInterval] = useState<BillingInterval>(currentInterval === 'year' ? 'year' : 'month');
  const yearlySaving = bestYearlySaving(plans);

  return (
    <div>
      <fieldset className="flex justify-center">
        <legend className="sr-only">Billing period</legend>
        <div className="inline-flex rounded-lg bg-slate-200/70 p-1">
          {(['month', 'year'] as const).map((value) => (
            <label
              key={value}
              className={`cursor-pointer rounded-md px-4 py-1.5 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                interval === value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
              }`}
            >
              <input
                type="radio"
                name="interval"
                value={value}
                checked={interval === value}
                onChange={() => setInterval(value)}
                className="sr-only"
              />
              {value === 'month' ? 'Monthly' : 'Yearly'}
              {value === 'year' && yearlySaving > 0 && <span className="ml-1.5 text-xs font-semibold text-emerald-700">save {yearlySaving}%</span>}
            </label>
          ))}
        </div>
      </fieldset>

      <ul className="mt-8 grid gap-6 md:grid-cols-3" aria-label="Plans">
        {plans.map((plan) => {
          const price = plan.prices[interval];
          const trialDays = offerTrials ? (price?.trialDays ?? null) : null;
          const current = Boolean(price && price.id === currentPriceId) || Object.values(plan.prices).some((p) => p?.id === currentPriceId);
          return (
            <li
              key={plan.productId}
              aria-labelledby={`plan-${plan.productId}`}
              className={`flex flex-col rounded-xl border bg-white p-6 shadow-sm ${current ? 'border-brand-500 ring-1 ring-brand-500' : 'border-slate-200'}`}
            >
              <div className="flex items-start justify-between gap-3">
                <h2 id={`plan-${plan.productId}`} className="text-lg font-semibold text-slate-900">
                  {plan.name}
                </h2>
                {current && <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-700">Current plan</span>}
              </div>
              {plan.description && <p className="mt-1 text-sm text-slate-600">{plan.description}</p>}
              {price ? (
                <>
                  <p className="mt-5">
                    <span className="text-3xl font-semibold tracking-tight text-slate-900">{formatMoney(price.unitAmount, price.currency)}</span>
                    <span className="ml-1 text-sm text-slate-500">
                      {price.perSeat ? 'per seat ' : ''}
                      {perInterval(interval)}
                    </span>
                  </p>
                  <p className="mt-1 min-h-5 text-sm font-medium text-emerald-700">
                    {trialDays ? `${trialDays}-day free trial, then billed ${interval === 'year' ? 'yearly' : 'monthly'}` : ''}
                  </p>
                </>
              ) : (
                <p className="mt-5 text-sm text-slate-500">Not available {interval === 'year' ? 'yearly' : 'monthly'}.</p>
              )}
              {plan.features.length > 0 && (
                <ul className="mt-5 space-y-2 text-sm text-slate-700">
                  {plan.features.map((feature) => (
                    <li key={feature} className="flex gap-2">
                      <svg viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden="true">
                        <path fill="currentColor" d="M7.7 13.3 4.4 10l-1.1 1.1 4.4 4.4 9-9-1.1-1.1z" />
                      </svg>
                      {feature}
                    </li>
                  ))}
                </ul>
              )}
              <div className="mt-auto pt-6">
                {price && (
                  <PlanActions
                    priceId={price.id}
                    planName={plan.name}
                    trialDays={trialDays}
                    signedIn={signedIn}
                    current={current}
                    hasLivePlan={hasLivePlan}
                    minSeats={price.perSeat ? Math.max(seatsInUse, 1) : null}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function PlanActions({
  priceId,
  planName,
  trialDays,
  signedIn,
  current,
  hasLivePlan,
  minSeats,
}: {
  priceId: string;
  planName: string;
  trialDays: number | null;
  signedIn: boolean;
  current: boolean;
  hasLivePlan: boolean;
  /** Per-seat plans: the fewest seats to buy (null for other plans). */
  minSeats: number | null;
}) {
  const [seats, setSeats] = useState(minSeats ?? 1);
  if (!signedIn) {
    return (
      <Link href={`/sign-up?${new URLSearchParams({ callbackUrl: '/pricing' })}`} className={`${buttonClasses()} w-full`}>
        {trialDays ? 'Start free trial' : `Get ${planName}`}
      </Link>
    );
  }
  if (current) {
    return (
      <Link href="/account#plan" className={`${buttonClasses('secondary')} w-full`}>
        Manage your plan
      </Link>
    );
  }
  if (hasLivePlan) {
    return (
      <Link href={`/account/switch?${new URLSearchParams({ price: priceId })}`} className={`${buttonClasses('secondary')} w-full`}>
        Switch to {planName}
      </Link>
    );
  }
  const seatFields: Record<string, string> = minSeats === null ? {} : { seats: String(seats) };
  return (
    <div className="space-y-2">
      {minSeats !== null && (
        <label className="flex items-center justify-between gap-3 text-sm font-medium text-slate-700">
          Seats
          <input
            type="number"
            name="seats"
            min={minSeats}
            max={500}
            value={seats}
            onChange={(event) => setSeats(Math.max(minSeats, Math.min(500, Math.floor(Number(event.target.value) || minSeats))))}
            className="w-24 rounded-md border border-slate-300 px-3 py-1.5 text-right text-sm text-slate-900"
          />
        </label>
      )}
      <ActionForm
        action={startCheckoutAction}
        fields={{ priceId, ...seatFields }}
        label={trialDays ? `Start trial with Checkout` : `Subscribe with Checkout`}
        pendingLabel="Opening Checkout…"
        buttonClassName="w-full"
      />
      <Link href={`/checkout/pay?${new URLSearchParams({ price: priceId, ...seatFields })}`} className={`${buttonClasses('secondary')} w-full`}>
        {trialDays ? 'Start trial in app' : 'Pay in app'}
      </Link>
    </div>
  );
}

/** The largest whole-percent saving of paying yearly over twelve months, across plans. */
function bestYearlySaving(plans: PlanCard[]): number {
  let best = 0;
  for (const { prices } of plans) {
    if (!prices.month || !prices.year || prices.month.currency !== prices.year.currency) continue;
    const saving = Math.floor(100 - (prices.year.unitAmount * 100) / (prices.month.unitAmount * 12));
    best = Math.max(best, saving);
  }
  return best;
}
